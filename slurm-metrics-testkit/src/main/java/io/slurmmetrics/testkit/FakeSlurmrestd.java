package io.slurmmetrics.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.Buffer;
import okio.BufferedSink;

/**
 * A stand-in for slurmrestd on a local port (mockwebserver3), for testing any Slurm REST client.
 *
 * <pre>{@code
 * try (FakeSlurmrestd rest = FakeSlurmrestd.builder()
 *     .fixtures(Fixtures.of("22.05"))          // or .responder(request -> ...)
 *     .user("slurm").token("t0k3n")
 *     .start()) {
 *   rest.injectFault("/nodes", Fault.status(502, "Bad Gateway"));
 *   ... point the client at rest.url() ...
 *   assertThat(rest.requestCount("/slurm/v0.0.38/nodes")).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Like the real slurmrestd it checks {@code X-SLURM-USER-NAME} and {@code X-SLURM-USER-TOKEN} when a token is
 * configured: a missing header gets 401 {@code Authentication failure} (text); a wrong token gets the fixture set's
 * recorded bad-token answer (22.05: 500 with errno -1; 24.11+: 511) or 401 without fixtures. Unknown paths get
 * slurmrestd's plain-text 404. Faults ({@link Fault}) apply to requests whose path ends with the given suffix, in
 * the order injected, until {@link #clearFaults()}. Thread-safe; {@link #close()} releases hung requests.
 */
public final class FakeSlurmrestd implements Closeable {
  static final FakeResponse NOT_FOUND =
      FakeResponse.text(404, "Unable find requested URL. Please view /openapi/v3 for API reference.");
  static final FakeResponse AUTH_FAILURE = FakeResponse.text(401, "Authentication failure");

  private final MockWebServer server = new MockWebServer();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final List<FakeRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Map.Entry<String, Fault>> faults = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final String user;
  private volatile Responder responder;
  private volatile String token;

  private FakeSlurmrestd(Builder b) {
    this.responder = b.responder;
    this.user = b.user;
    this.token = b.token;
    if (b.tls != null) server.useHttps(b.tls);
  }

  /** A builder; without fixtures or a responder every path answers 404. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL without a trailing slash: {@code http://127.0.0.1:40123}. */
  public String url() {
    String u = server.url("/").toString();
    return u.substring(0, u.length() - 1);
  }

  /** The local port the server listens on. */
  public int port() {
    return server.getPort();
  }

  /** Replaces what answers requests (a simulator's next state, another fixture set). */
  public void responder(Responder responder) {
    this.responder = Objects.requireNonNull(responder, "responder");
  }

  /** Rotates the accepted token (a re-minted JWT); requests with the old one now fail. */
  public void token(String token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  /** From now on, requests whose path ends with {@code pathSuffix} ({@code ""} for all) get this fault. */
  public void injectFault(String pathSuffix, Fault fault) {
    faults.add(Map.entry(Objects.requireNonNull(pathSuffix, "pathSuffix"), Objects.requireNonNull(fault, "fault")));
  }

  /** Ends every injected fault (requests already hanging stay hung until {@link #close()}). */
  public void clearFaults() {
    faults.clear();
  }

  /** How many requests arrived for this exact path ({@code /slurm/v0.0.38/nodes}), faulted ones included. */
  public int requestCount(String path) {
    AtomicInteger c = counts.get(path);
    return c == null ? 0 : c.get();
  }

  /** Requests per path so far, sorted by path. */
  public Map<String, Integer> requestCounts() {
    Map<String, Integer> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Every request so far, in arrival order. */
  public List<FakeRequest> requests() {
    return List.copyOf(requests);
  }

  /** Releases hung requests and stops the server. */
  @Override
  public void close() {
    closed.countDown();
    try {
      server.close();
    } catch (RuntimeException e) {
      // closing while a hung exchange unwinds is fine: the test is over
    }
  }

  private void start() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
        return handle(recorded);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("FakeSlurmrestd cannot listen", e);
    }
  }

  private MockResponse handle(RecordedRequest recorded) throws InterruptedException {
    FakeRequest request = toFakeRequest(recorded);
    requests.add(request);
    counts.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();

    Fault fault = null;
    for (Map.Entry<String, Fault> e : faults) {
      if (request.path().endsWith(e.getKey())) {
        fault = e.getValue();
        break;
      }
    }
    if (fault != null) {
      switch (fault.kind) {
        case RESPONSE:
          return toMock(fault.response).build();
        case HANG:
          closed.await();
          return toMock(FakeResponse.text(503, "closed")).build();
        case DISCONNECT:
          return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        case LARGE_BODY:
          return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
              .body(new StreamedBody(fault.bodyBytes)).onResponseEnd(new SocketEffect.CloseSocket()).build();
        case GARBAGE:
          return toMock(new FakeResponse(200, "application/json",
              "\u0000\u00ff<<not json at all>> {\"nodes\": [".getBytes(StandardCharsets.ISO_8859_1),
              Map.of())).build();
        default:
          break; // DELAY and TRUNCATE shape the normal answer below
      }
    }

    FakeResponse response = authenticate(request).orElseGet(() -> {
      FakeResponse r = responder.respond(request);
      return r == null ? NOT_FOUND : r;
    });
    MockResponse.Builder mock = toMock(response);
    if (fault != null && fault.kind == Fault.Kind.DELAY) {
      mock.headersDelay(fault.delay.toMillis(), TimeUnit.MILLISECONDS);
    } else if (fault != null && fault.kind == Fault.Kind.TRUNCATE) {
      byte[] body = response.body();
      int keep = Math.min(fault.keepBytes, Math.max(0, body.length - 1));
      mock.body(new TruncatedBody(body, keep)).onResponseEnd(new SocketEffect.CloseSocket());
    }
    return mock.build();
  }

  private Optional<FakeResponse> authenticate(FakeRequest request) {
    String expected = token;
    if (expected == null) return Optional.empty();
    Optional<String> sentToken = request.header("X-SLURM-USER-TOKEN");
    Optional<String> sentUser = request.header("X-SLURM-USER-NAME");
    if (sentToken.isEmpty() || sentUser.isEmpty()) return Optional.of(AUTH_FAILURE);
    if (sentToken.get().equals(expected) && (user == null || user.equals(sentUser.get()))) return Optional.empty();
    if (responder instanceof FixtureResponder fixtures) {
      Optional<FakeResponse> recorded = fixtures.badToken(request.path());
      if (recorded.isPresent()) return recorded;
    }
    return Optional.of(AUTH_FAILURE);
  }

  private static FakeRequest toFakeRequest(RecordedRequest recorded) {
    HttpUrl url = recorded.getUrl();
    Map<String, String> query = new TreeMap<>();
    for (String name : url.queryParameterNames()) {
      String v = url.queryParameter(name);
      query.put(name, v == null ? "" : v);
    }
    String path = "/" + String.join("/", url.pathSegments());
    return new FakeRequest(recorded.getMethod(), path, query, recorded.getHeaders().toMultimap());
  }

  private static MockResponse.Builder toMock(FakeResponse r) {
    MockResponse.Builder b = new MockResponse.Builder().code(r.status());
    if (!r.contentType().isEmpty()) b.setHeader("Content-Type", r.contentType());
    r.headers().forEach(b::setHeader);
    if (r.status() != 304 && r.status() != 204) b.body(new Buffer().write(r.body()));
    return b;
  }

  /** Declares the full length, writes only the first {@code keep} bytes. */
  private static final class TruncatedBody implements MockResponseBody {
    private final byte[] body;
    private final int keep;

    TruncatedBody(byte[] body, int keep) {
      this.body = body;
      this.keep = keep;
    }

    @Override
    public long getContentLength() {
      return body.length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(body, 0, keep);
      sink.flush();
    }
  }

  /** {@code {"jobs": [} and then whitespace up to {@code total} bytes, written piece by piece; length not declared. */
  private static final class StreamedBody implements MockResponseBody {
    private static final byte[] START = "{\"jobs\": [".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FILLER = new byte[64 * 1024];

    static {
      java.util.Arrays.fill(FILLER, (byte) ' ');
    }

    private final long total;

    StreamedBody(long total) {
      this.total = total;
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(START);
      long left = total - START.length;
      while (left > 0) {
        int n = (int) Math.min(left, FILLER.length);
        sink.write(FILLER, 0, n);
        sink.emit();
        left -= n;
      }
      sink.flush();
    }
  }

  /** Configures a {@link FakeSlurmrestd}. */
  public static final class Builder {
    private Responder responder = request -> null;
    private String user;
    private String token;
    private javax.net.ssl.SSLSocketFactory tls;

    private Builder() {}

    /** Serve HTTPS with this server-side socket factory (a test CA's certificate and key). */
    public Builder https(javax.net.ssl.SSLSocketFactory serverSocketFactory) {
      this.tls = Objects.requireNonNull(serverSocketFactory, "serverSocketFactory");
      return this;
    }

    /** Serve a recorded fixture set (see {@link FixtureResponder}). */
    public Builder fixtures(FixtureSet set) {
      this.responder = new FixtureResponder(set);
      return this;
    }

    /** Serve whatever this responder answers (a cluster simulator, a lambda). */
    public Builder responder(Responder responder) {
      this.responder = Objects.requireNonNull(responder, "responder");
      return this;
    }

    /** The {@code X-SLURM-USER-NAME} to require along with the token; any name when unset. */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /** Require this {@code X-SLURM-USER-TOKEN}; without it no authentication is checked. */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Starts listening on a free local port. */
    public FakeSlurmrestd start() {
      FakeSlurmrestd fake = new FakeSlurmrestd(this);
      fake.start();
      return fake;
    }
  }

  @Override
  public String toString() {
    return "FakeSlurmrestd[" + url() + "]";
  }
}
