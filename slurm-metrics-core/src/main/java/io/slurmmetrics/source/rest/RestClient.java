package io.slurmmetrics.source.rest;

import io.slurmmetrics.json.SlurmJson;
import io.slurmmetrics.json.SlurmJsonException;
import io.slurmmetrics.json.SlurmMessage;
import io.slurmmetrics.json.SlurmResponse;
import io.slurmmetrics.source.BoundedSource;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSourceException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;

/**
 * One HTTP exchange with slurmrestd and the status policy measured on real daemons:
 * <ul>
 *   <li>401/403 (text) and 511 are auth failures; so is a Slurm errno 1007 or an error naming authentication,
 *       whatever the status (22.05 slurmdb answers an expired token with 200 + 1007);</li>
 *   <li>22.05 answers a bad or expired token on {@code /slurm/*} with 500 and errno -1: auth when our JWT's
 *       {@code exp} has passed, else a Slurm error (slurmctld down gives the same body);</li>
 *   <li>{@code errors[]} makes any status a failure (200 with 7000 = slurmdbd down); errno 1800 (controller not
 *       reachable) is reported as unreachable;</li>
 *   <li>304 means unchanged; 404 means this API version or path is not served;</li>
 *   <li>a body that is not JSON: on 2xx a bad payload, on 502/503/504 unreachable (a proxy's page), else HTTP status;</li>
 *   <li>transport: refused/unknown host/missing socket = unreachable, timeouts = timeout, truncation or a body over
 *       the limit = bad payload.</li>
 * </ul>
 */
final class RestClient {
  /** Outcome markers for statuses the caller handles itself. */
  static final class NotModified extends Exception {
    private static final long serialVersionUID = 1L;

    NotModified() {
      super(null, null, false, false);
    }
  }

  static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;
    final String body;

    NotFound(String body) {
      super(null, null, false, false);
      this.body = body;
    }
  }

  interface Decoder<T> {
    SlurmResponse<T> decode(BufferedSource body, String apiVersion) throws IOException, SlurmJsonException;
  }

  private final OkHttpClient http;
  private final HttpUrl base;
  private final String sourceName;
  private final String user;
  private final TokenSource token;
  private final long maxBodyBytes;
  private final Clock clock;

  RestClient(OkHttpClient http, HttpUrl base, String sourceName, String user, TokenSource token, long maxBodyBytes,
      Clock clock) {
    this.http = http;
    this.base = base;
    this.sourceName = sourceName;
    this.user = user;
    this.token = token;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  String sourceName() {
    return sourceName;
  }

  /** GET {@code /<plugin>/<api>/<path>?query}; returns the decoded response, never one with errors[]. */
  <T> SlurmResponse<T> get(Endpoint endpoint, String plugin, String api, String path, Map<String, String> query,
      Decoder<T> decoder) throws SlurmSourceException, NotModified, NotFound {
    HttpUrl.Builder url = base.newBuilder().addPathSegment(plugin).addPathSegment(api);
    for (String segment : path.split("/")) url.addPathSegment(segment);
    query.forEach(url::addQueryParameter);
    String what = api + " GET /" + plugin + "/" + api + "/" + path;

    Request.Builder req = new Request.Builder().url(url.build()).header("Accept", "application/json");
    if (user != null) req.header("X-SLURM-USER-NAME", user);
    try {
      Optional<String> t = token.token();
      if (t.isPresent()) req.header("X-SLURM-USER-TOKEN", t.get());
    } catch (IOException e) {
      throw fail(ErrorKind.AUTH, endpoint, "cannot read " + token.describe() + ": " + describe(e), 0, e);
    }

    try (Response resp = http.newCall(req.build()).execute()) {
      int code = resp.code();
      if (code == 304) throw new NotModified();
      ResponseBody body = resp.body();
      long declared = body.contentLength();
      if (declared > maxBodyBytes) {
        throw fail(ErrorKind.BAD_PAYLOAD, endpoint, what + " -> HTTP " + code + ": body of " + declared
            + " bytes exceeds the limit of " + maxBodyBytes, 0, null);
      }
      // a declared length within the limit bounds the body already (OkHttp reads no further): read it directly; only
      // a chunked body, whose end is unknown, gets counted through a second buffer
      BufferedSource source = declared >= 0 ? body.source()
          : Okio.buffer(new BoundedSource(body.source(), maxBodyBytes));
      boolean json = startsLikeJson(source);
      if (code == 404) throw new NotFound(json ? "" : firstLine(source));
      if (code == 401 || code == 403) {
        throw fail(ErrorKind.AUTH, endpoint, what + " -> HTTP " + code + ": " + firstLine(source), 0, null);
      }
      if (!json) {
        String start = firstLine(source);
        if (code == 511) throw fail(ErrorKind.AUTH, endpoint, what + " -> HTTP 511: " + start, 0, null);
        if (code >= 200 && code < 300) {
          throw fail(ErrorKind.BAD_PAYLOAD, endpoint, what + " -> HTTP " + code + ": not JSON, starts with \""
              + start + "\"", 0, null);
        }
        ErrorKind kind = code == 502 || code == 503 || code == 504 ? ErrorKind.UNREACHABLE : ErrorKind.HTTP_STATUS;
        throw fail(kind, endpoint, what + " -> HTTP " + code + " without a Slurm answer: " + start, 0, null);
      }
      SlurmResponse<?> decoded = code >= 200 && code < 300
          ? decoder.decode(source, api)
          : SlurmJson.envelope(source, endpoint.label(), api);
      if (decoded.hasErrors()) throw slurmErrors(endpoint, what, code, decoded.errors());
      if (code == 511) throw fail(ErrorKind.AUTH, endpoint, what + " -> HTTP 511", 0, null);
      if (code < 200 || code >= 300) {
        throw fail(ErrorKind.HTTP_STATUS, endpoint, what + " -> HTTP " + code + " with no errors[]", 0, null);
      }
      @SuppressWarnings("unchecked")
      SlurmResponse<T> ok = (SlurmResponse<T>) decoded;
      return ok;
    } catch (SlurmJsonException e) {
      throw fail(ErrorKind.BAD_PAYLOAD, endpoint, what + ": " + e.getMessage(), 0, e);
    } catch (IOException e) {
      throw transport(endpoint, what, e);
    }
  }

  private SlurmSourceException slurmErrors(Endpoint endpoint, String what, int code, List<SlurmMessage> errors) {
    SlurmMessage first = errors.get(0);
    String detail = what + " -> HTTP " + code + ": " + first.summary()
        + (errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "");
    for (SlurmMessage m : errors) {
      String text = (m.error() + " " + m.description()).toLowerCase(Locale.ROOT);
      if (m.errno() == 1007 || (m.errno() >= 6000 && m.errno() < 6100) || text.contains("authentication")) {
        return fail(ErrorKind.AUTH, endpoint, detail, m.errno(), null);
      }
    }
    if (code == 511) return fail(ErrorKind.AUTH, endpoint, detail, first.errno(), null);
    if (first.errno() == -1) {
      Optional<java.time.Instant> expired = token.expiredAt(clock.instant());
      if (expired.isPresent()) {
        return fail(ErrorKind.AUTH, endpoint, detail + "; the JWT expired at " + expired.get(), -1, null);
      }
    }
    if (first.errno() == 1800) return fail(ErrorKind.UNREACHABLE, endpoint, detail, 1800, null);
    return fail(ErrorKind.SLURM_ERROR, endpoint, detail, first.errno(), null);
  }

  private SlurmSourceException transport(Endpoint endpoint, String what, IOException e) {
    ErrorKind kind;
    if (e instanceof BoundedSource.TooLarge || e instanceof ProtocolException || e instanceof EOFException) {
      kind = ErrorKind.BAD_PAYLOAD;
    } else if (e instanceof InterruptedIOException) {
      kind = ErrorKind.TIMEOUT;
    } else if (e instanceof ConnectException || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException || e instanceof SSLException) {
      kind = ErrorKind.UNREACHABLE;
    } else {
      kind = ErrorKind.UNREACHABLE;
    }
    return fail(kind, endpoint, what + ": " + describe(e), 0, e);
  }

  SlurmSourceException fail(ErrorKind kind, Endpoint endpoint, String detail, int errno, Throwable cause) {
    return new SlurmSourceException(kind, sourceName, endpoint, oneLine(detail), errno, cause);
  }

  private static boolean startsLikeJson(BufferedSource source) throws IOException {
    long i = 0;
    while (source.request(i + 1)) {
      byte b = source.getBuffer().getByte(i);
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        i++;
        continue;
      }
      return b == '{' || b == '[';
    }
    return false;
  }

  /** The first line of a (text) body, capped: for messages. */
  private static String firstLine(BufferedSource source) throws IOException {
    source.request(512);
    Buffer buf = source.getBuffer();
    long n = Math.min(buf.size(), 512);
    String s = buf.snapshot((int) n).string(StandardCharsets.UTF_8);
    s = s.strip();
    int nl = s.indexOf('\n');
    if (nl >= 0) s = s.substring(0, nl);
    s = s.replaceAll("\\p{Cntrl}", "?");
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]+", " ").trim();
  }
}
