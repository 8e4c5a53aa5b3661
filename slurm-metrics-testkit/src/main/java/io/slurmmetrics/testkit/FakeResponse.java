package io.slurmmetrics.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link FakeSlurmrestd} answers: a status, a content type and a body. Build one with the static factories.
 *
 * @param contentType the {@code Content-Type}; empty for no body (304)
 * @param headers     extra headers
 */
public record FakeResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  /** Validates the status (100..599) and copies body and headers. */
  public FakeResponse {
    if (status < 100 || status > 599) throw new IllegalArgumentException("status " + status + " is not HTTP");
    Objects.requireNonNull(contentType, "contentType");
    body = body.clone();
    headers = Map.copyOf(headers);
  }

  /** 200 with a JSON body. */
  public static FakeResponse json(byte[] body) {
    return json(200, body);
  }

  /** A JSON answer with any status (slurmrestd puts {@code errors[]} in 500/502/511 bodies). */
  public static FakeResponse json(int status, byte[] body) {
    return new FakeResponse(status, "application/json", body, Map.of());
  }

  /** A JSON answer with any status, from a UTF-8 string. */
  public static FakeResponse json(int status, String body) {
    return json(status, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A plain-text answer, as slurmrestd gives for 401 ({@code Authentication failure}) and 404. */
  public static FakeResponse text(int status, String body) {
    return new FakeResponse(status, "text/plain", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** 304 with an empty body, slurmrestd's answer to an {@code update_time} when nothing changed. */
  public static FakeResponse notModified() {
    return new FakeResponse(304, "", new byte[0], Map.of());
  }

  /**
   * Any body with a content type guessed from it: JSON when it starts with a brace or bracket, HTML when with an angle bracket,
   * else plain text. Fits the recorded {@code errors/<case>/body} files.
   */
  public static FakeResponse guess(int status, byte[] body) {
    String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).stripLeading();
    String type = start.startsWith("{") || start.startsWith("[") ? "application/json"
        : start.startsWith("<") ? "text/html" : body.length == 0 ? "" : "text/plain";
    return new FakeResponse(status, type, body, Map.of());
  }

  @Override
  /** A copy of the body bytes. */
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "FakeResponse[" + status + " " + contentType + ", " + body.length + " bytes]";
  }
}
