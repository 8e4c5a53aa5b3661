package io.slurmmetrics.source.rest;

import io.slurmmetrics.json.SlurmJson;
import io.slurmmetrics.json.SlurmResponse;
import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.ControllerInfo;
import io.slurmmetrics.model.FairShare;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.JobStep;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.SlurmSourceException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Reads one cluster through slurmrestd (OkHttp): over TCP ({@code http://ctl:6820}, {@code https://} with a custom CA)
 * or its unix socket ({@code unix:/run/slurmrestd/slurmrestd.sock}).
 *
 * <pre>{@code
 * SlurmSource rest = RestSource.builder()
 *     .url("http://ctl:6820")
 *     .user("slurm")
 *     .tokenFile(Path.of("/etc/slurm-metrics/jwt"))   // or SLURM_JWT from the environment
 *     .timeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * <p>The API version is negotiated on first use, newest first ({@code /slurm/vX/ping}, and separately
 * {@code /slurmdb/vX/diag}), unless pinned with {@link Builder#apiVersion}. Jobs, nodes, partitions and reservations
 * are refreshed incrementally with {@code update_time} fed back from the previous {@code last_update}: an unchanged
 * answer (304, or 200 with an empty list and "No job changes since update_time") returns the previous list without
 * decoding anything; where a Slurm rejects {@code update_time} (24.11: 422, or 500 on unchanged nodes) the endpoint
 * falls back to full reads. The {@code /slurmdb} calls (database ping, finished jobs, the steps of running jobs from
 * {@code jobs?state=RUNNING}) are made by {@code SlurmdbCalls}. Every failure is a {@link SlurmSourceException} naming
 * this source, the endpoint, the API version and the HTTP status or Slurm errno, never the token. Thread-safe.
 */
public final class RestSource implements SlurmSource {
  private static final System.Logger LOG = System.getLogger(RestSource.class.getName());

  /** API versions this library reads, newest first; v0.0.39 from its published schema only. */
  public static final List<String> SUPPORTED_API_VERSIONS =
      List.of("v0.0.45", "v0.0.44", "v0.0.43", "v0.0.42", "v0.0.41", "v0.0.40", "v0.0.39", "v0.0.38");

  private static final String SLURM = ApiVersions.SLURM;
  private static final String SLURMDB = ApiVersions.SLURMDB;

  private final String name;
  private final RestClient client;
  private final OkHttpClient http;
  private final String clusterName;
  private final ZoneId serverZone;
  private final boolean incremental;
  private final ApiVersions versions;
  private final SlurmdbCalls slurmdb;
  private final Map<Endpoint, UpdateTimeCache<?>> caches = new EnumMap<>(Endpoint.class);

  private RestSource(Builder b) {
    this.name = "rest " + b.displayUrl;
    this.clusterName = b.clusterName;
    this.serverZone = b.serverZone;
    this.incremental = b.incremental;
    this.http = b.http;
    this.client = new RestClient(b.http, b.base, name, b.user, b.token, b.maxBodyBytes, b.clock);
    this.versions = new ApiVersions(name, client, b.apiVersion, b.slurmdbApiVersion);
    this.slurmdb = new SlurmdbCalls(this::fetch, versions, this::timeParameter);
  }

  /** A builder; only {@link Builder#url} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "rest";
  }

  /** The API version in use for {@code /slurm} (negotiating it now if needed). */
  public String apiVersion() throws SlurmSourceException {
    return version(SLURM, Endpoint.PING);
  }

  /** The API version in use for {@code /slurmdb} (negotiating it now if needed). */
  public String slurmdbApiVersion() throws SlurmSourceException {
    return version(SLURMDB, Endpoint.DATABASE);
  }

  @Override
  public ControllerInfo ping() throws SlurmSourceException {
    ControllerInfo info = fetch(Endpoint.PING, SLURM, "ping", Map.of(), SlurmJson::ping).data();
    if (info.clusterName().isEmpty() && !clusterName.isEmpty()) {
      return new ControllerInfo(clusterName, info.slurmVersion(), info.apiVersion(), info.controllerResponding());
    }
    return info;
  }

  @Override
  public List<Node> nodes() throws SlurmSourceException {
    return incremental(Endpoint.NODES, "nodes", SlurmJson::nodes);
  }

  @Override
  public List<Partition> partitions() throws SlurmSourceException {
    return incremental(Endpoint.PARTITIONS, "partitions", SlurmJson::partitions);
  }

  @Override
  public List<Job> jobs() throws SlurmSourceException {
    return incremental(Endpoint.JOBS, "jobs", SlurmJson::jobs);
  }

  @Override
  public List<Reservation> reservations() throws SlurmSourceException {
    return incremental(Endpoint.RESERVATIONS, "reservations", SlurmJson::reservations);
  }

  @Override
  public List<License> licenses() throws SlurmSourceException {
    return fetch(Endpoint.LICENSES, SLURM, "licenses", Map.of(), SlurmJson::licenses).data();
  }

  @Override
  public SchedulerStats diag() throws SlurmSourceException {
    return fetch(Endpoint.DIAG, SLURM, "diag", Map.of(), SlurmJson::diag).data();
  }

  @Override
  public List<FairShare> shares() throws SlurmSourceException {
    return fetch(Endpoint.SHARES, SLURM, "shares", Map.of(), SlurmJson::shares).data();
  }

  @Override
  public void pingDatabase() throws SlurmSourceException {
    slurmdb.ping();
  }

  @Override
  public List<AccountingJob> accountingJobs(Instant endedFrom, Instant endedTo) throws SlurmSourceException {
    return slurmdb.jobsEndedBetween(endedFrom, endedTo);
  }

  @Override
  public List<JobStep> steps() throws SlurmSourceException {
    return slurmdb.runningSteps();
  }

  /**
   * Epoch seconds from v0.0.42 on; older versions reject epoch seconds (22.05: 500, 24.11 v0.0.40/41: 422) and take
   * an ISO 8601 local time of the slurmrestd host.
   */
  String timeParameter(String api, Instant t) {
    if (ApiVersions.compare(api, "v0.0.42") >= 0) return Long.toString(t.getEpochSecond());
    return LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), serverZone)
        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return name;
  }

  // ------------------------------------------------------------------------------------------------ internals

  private <T> SlurmResponse<T> fetch(Endpoint endpoint, String plugin, String path, Map<String, String> query,
      RestClient.Decoder<T> decoder) throws SlurmSourceException {
    String api = version(plugin, endpoint);
    try {
      return client.get(endpoint, plugin, api, path, query, decoder);
    } catch (RestClient.NotModified e) {
      throw client.fail(ErrorKind.HTTP_STATUS, endpoint, api + " GET /" + plugin + "/" + api + "/" + path
          + " -> HTTP 304 without update_time", 0, null);
    } catch (RestClient.NotFound e) {
      throw notFound(endpoint, plugin, api, path, e);
    }
  }

  /** A 404: the path is not served by this version, or the version vanished (slurmrestd was upgraded). */
  private SlurmSourceException notFound(Endpoint endpoint, String plugin, String api, String path,
      RestClient.NotFound e) {
    versions.forget(plugin, api); // probe again next time: slurmrestd may have changed
    String why = versions.isPinned(plugin)
        ? "pinned API version " + api + " does not serve /" + plugin + "/" + api + "/" + path
        : "/" + plugin + "/" + api + "/" + path + " is not served by this slurmrestd";
    return client.fail(ErrorKind.UNSUPPORTED, endpoint, why + " (HTTP 404"
        + (e.body.isEmpty() ? "" : ": " + e.body) + ")", 0, null);
  }

  private String version(String plugin, Endpoint endpoint) throws SlurmSourceException {
    return versions.version(plugin, endpoint);
  }

  private <T> List<T> incremental(Endpoint endpoint, String path, RestClient.Decoder<List<T>> decoder)
      throws SlurmSourceException {
    UpdateTimeCache<T> cache;
    synchronized (this) {
      @SuppressWarnings("unchecked")
      UpdateTimeCache<T> c = (UpdateTimeCache<T>) caches.computeIfAbsent(endpoint, e -> new UpdateTimeCache<T>());
      cache = c;
    }
    synchronized (cache) {
      String api = version(SLURM, endpoint);
      OptionalLong since = incremental ? cache.updateTime() : OptionalLong.empty();
      if (since.isPresent()) {
        try {
          return cache.incremental(client.get(endpoint, SLURM, api, path,
              Map.of("update_time", timeParameter(api, Instant.ofEpochSecond(since.getAsLong()))), decoder));
        } catch (RestClient.NotModified e) {
          return cache.cached();
        } catch (RestClient.NotFound e) {
          throw notFound(endpoint, SLURM, api, path, e);
        } catch (SlurmSourceException e) {
          if (!cache.rejectedBy(e)) throw e;
          LOG.log(System.Logger.Level.INFO, name + " " + endpoint.label() + ": update_time not usable here ("
              + e.getMessage() + "); reading full lists from now on");
        }
      }
      return cache.full(fetch(endpoint, SLURM, path, Map.of(), decoder));
    }
  }

  /** Configures a {@link RestSource}. Only {@link #url} is required. */
  public static final class Builder {
    private String url;
    private Path caPem;
    private String user;
    private Path tokenFile;
    private boolean tokenFromEnvironment = true;
    private Function<String, String> environment = System::getenv;
    private String apiVersion;
    private String slurmdbApiVersion;
    private Duration timeout = Duration.ofSeconds(30);
    private long maxBodyBytes = 256L * 1024 * 1024;
    private boolean incremental = true;
    private String clusterName = "";
    private ZoneId serverZone = ZoneId.systemDefault();
    private Clock clock = Clock.systemUTC();

    // resolved in build()
    private OkHttpClient http;
    private HttpUrl base;
    private String displayUrl;
    private TokenSource token;

    private Builder() {}

    /** {@code http://host:6820}, {@code https://host:6820} or {@code unix:/path/to/slurmrestd.sock}. Required. */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** Trust the CA certificate(s) in this PEM file for {@code https} (instead of the JVM's trust store). */
    public Builder caCertificate(Path pemFile) {
      this.caPem = Objects.requireNonNull(pemFile, "pemFile");
      return this;
    }

    /** Sent as {@code X-SLURM-USER-NAME}. */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /** Read the JWT from this file, re-reading it whenever its modification time or size changes. */
    public Builder tokenFile(Path tokenFile) {
      this.tokenFile = Objects.requireNonNull(tokenFile, "tokenFile");
      return this;
    }

    /**
     * Whether to take the JWT from the {@code SLURM_JWT} environment variable when no token file is given (default
     * true). Without either no token is sent (a unix socket with local authentication).
     */
    public Builder tokenFromEnvironment(boolean enabled) {
      this.tokenFromEnvironment = enabled;
      return this;
    }

    /** For tests: where environment variables are looked up. */
    Builder environment(Function<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** Pin the API version ({@code v0.0.42}) for {@code /slurm} and, unless set apart, {@code /slurmdb}. */
    public Builder apiVersion(String apiVersion) {
      this.apiVersion = checkVersion(apiVersion);
      return this;
    }

    /** Pin the API version for {@code /slurmdb} only. */
    public Builder slurmdbApiVersion(String apiVersion) {
      this.slurmdbApiVersion = checkVersion(apiVersion);
      return this;
    }

    /** The deadline of each request, body included (default 30 s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0: " + timeout);
      this.timeout = timeout;
      return this;
    }

    /** The largest response body accepted (default 256 MiB); larger is a bad payload. */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes <= 0) throw new IllegalArgumentException("maxBodyBytes must be > 0: " + maxBodyBytes);
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Use {@code update_time} where the responses carry {@code last_update} (default true). */
    public Builder incremental(boolean incremental) {
      this.incremental = incremental;
      return this;
    }

    /** The cluster name to report when the API does not tell it (v0.0.38 has no cluster in {@code meta}). */
    public Builder clusterName(String clusterName) {
      this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
      return this;
    }

    /** The time zone of the slurmrestd host, for the ISO times older API versions take (default: this JVM's). */
    public Builder serverZone(ZoneId zone) {
      this.serverZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** For tests: the clock used to judge whether the JWT expired. */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    private static String checkVersion(String v) {
      Objects.requireNonNull(v, "apiVersion");
      if (!v.matches("v\\d+\\.\\d+\\.\\d+")) {
        throw new IllegalArgumentException("API version must look like v0.0.42, got \"" + v + "\"");
      }
      return v;
    }

    /** The configured source; nothing is contacted until the first call. */
    public RestSource build() {
      if (url == null) throw new IllegalStateException("RestSource needs a url");
      RestTarget target = RestTarget.of(url, caPem, timeout);
      http = target.http();
      base = target.base();
      displayUrl = target.displayUrl();
      if (tokenFile != null) {
        token = TokenSource.file(tokenFile);
      } else {
        String env = tokenFromEnvironment ? environment.apply("SLURM_JWT") : null;
        token = env != null && !env.isBlank() ? TokenSource.fixed(env.strip()) : TokenSource.none();
      }
      return new RestSource(this);
    }
  }
}
