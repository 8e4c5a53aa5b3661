package io.slurmmetrics.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure {@link FakeSlurmrestd} injects instead of (or around) the normal answer. Create with the factories.
 */
public final class Fault {
  enum Kind { RESPONSE, DELAY, HANG, TRUNCATE, GARBAGE, DISCONNECT, LARGE_BODY }

  final Kind kind;
  final FakeResponse response;
  final Duration delay;
  final int keepBytes;
  final long bodyBytes;

  private Fault(Kind kind, FakeResponse response, Duration delay, int keepBytes) {
    this(kind, response, delay, keepBytes, 0);
  }

  private Fault(Kind kind, FakeResponse response, Duration delay, int keepBytes, long bodyBytes) {
    this.kind = kind;
    this.response = response;
    this.delay = delay;
    this.keepBytes = keepBytes;
    this.bodyBytes = bodyBytes;
  }

  /** Answer with this status and a plain-text body. */
  public static Fault status(int status, String textBody) {
    return response(FakeResponse.text(status, textBody));
  }

  /** Answer with exactly this response (a recorded error case, a JSON {@code errors[]} body, ...). */
  public static Fault response(FakeResponse response) {
    return new Fault(Kind.RESPONSE, Objects.requireNonNull(response, "response"), Duration.ZERO, 0);
  }

  /** An HTML error page, as a reverse proxy in front of slurmrestd would send. */
  public static Fault html(int status) {
    String page = "<html><head><title>" + status + " Bad Gateway</title></head><body><center><h1>" + status
        + " Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";
    return response(new FakeResponse(status, "text/html", page.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.util.Map.of()));
  }

  /** The normal answer, after waiting this long before the headers. */
  public static Fault delay(Duration delay) {
    if (delay.isNegative()) throw new IllegalArgumentException("negative delay " + delay);
    return new Fault(Kind.DELAY, null, delay, 0);
  }

  /** No answer at all until the server is closed (slurmrestd waiting on a dead slurmctld). */
  public static Fault hang() {
    return new Fault(Kind.HANG, null, Duration.ZERO, 0);
  }

  /**
   * The normal answer's headers with its full {@code Content-Length}, but only the first {@code keepBytes} bytes of
   * its body, then the connection closes.
   */
  public static Fault truncate(int keepBytes) {
    if (keepBytes < 0) throw new IllegalArgumentException("negative keepBytes " + keepBytes);
    return new Fault(Kind.TRUNCATE, null, Duration.ZERO, keepBytes);
  }

  /** 200 {@code application/json} whose body is not JSON. */
  public static Fault garbage() {
    return new Fault(Kind.GARBAGE, null, Duration.ZERO, 0);
  }

  /**
   * 200 {@code application/json} with a body of {@code bytes} bytes and no declared length: a JSON object that opens
   * and then never ends (whitespace). Written in small pieces as the client reads, never held in memory, so a 1 GB
   * body costs the test nothing; a client without a body limit would read all of it.
   */
  public static Fault largeBody(long bytes) {
    if (bytes < 64) throw new IllegalArgumentException("largeBody needs at least 64 bytes, got " + bytes);
    return new Fault(Kind.LARGE_BODY, null, Duration.ZERO, 0, bytes);
  }

  /** The connection closes right after the request, without any answer. */
  public static Fault disconnect() {
    return new Fault(Kind.DISCONNECT, null, Duration.ZERO, 0);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case RESPONSE -> "Fault[" + response + "]";
      case DELAY -> "Fault[delay " + delay + "]";
      case TRUNCATE -> "Fault[truncate after " + keepBytes + " bytes]";
      case LARGE_BODY -> "Fault[" + bodyBytes + " byte body]";
      default -> "Fault[" + kind.name().toLowerCase(java.util.Locale.ROOT) + "]";
    };
  }
}
