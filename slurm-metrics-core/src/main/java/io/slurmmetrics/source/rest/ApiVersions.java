package io.slurmmetrics.source.rest;

import io.slurmmetrics.json.SlurmJson;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSourceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which slurmrestd API version {@link RestSource} speaks, per plugin ({@code /slurm} and {@code /slurmdb} are versioned
 * apart): a pinned one, or the newest of {@link RestSource#SUPPORTED_API_VERSIONS} that answers a probe. Kept apart
 * from the fetching so that "which version" is decided in one place and can be forgotten and probed again when
 * slurmrestd is upgraded under us. Thread-safe.
 */
final class ApiVersions {
  private static final System.Logger LOG = System.getLogger(RestSource.class.getName());

  static final String SLURM = "slurm";
  static final String SLURMDB = "slurmdb";

  private final String sourceName;
  private final RestClient client;
  private final Map<String, String> pinned = new LinkedHashMap<>();
  private final Map<String, String> negotiated = new LinkedHashMap<>();

  /**
   * @param apiVersion pinned version for {@code /slurm} and, unless {@code slurmdbApiVersion} is given, {@code
   *     /slurmdb}; null to negotiate
   * @param slurmdbApiVersion pinned version for {@code /slurmdb} only; null to follow {@code apiVersion}
   */
  ApiVersions(String sourceName, RestClient client, String apiVersion, String slurmdbApiVersion) {
    this.sourceName = sourceName;
    this.client = client;
    if (apiVersion != null) pinned.put(SLURM, apiVersion);
    if (slurmdbApiVersion != null) pinned.put(SLURMDB, slurmdbApiVersion);
    else if (apiVersion != null) pinned.put(SLURMDB, apiVersion);
  }

  /** The version to use for {@code plugin}, probing slurmrestd now if none is pinned or known yet. */
  String version(String plugin, Endpoint endpoint) throws SlurmSourceException {
    synchronized (this) {
      String v = pinned.get(plugin);
      if (v == null) v = negotiated.get(plugin);
      if (v != null) return v;
    }
    String found = negotiate(plugin, endpoint);
    synchronized (this) {
      negotiated.put(plugin, found);
    }
    LOG.log(System.Logger.Level.INFO, sourceName + ": using " + plugin + " API " + found);
    return found;
  }

  /** Whether the user pinned the version of {@code plugin} (then a 404 is their mistake, not an upgrade). */
  boolean isPinned(String plugin) {
    return pinned.containsKey(plugin);
  }

  /**
   * After a 404 on {@code api}: if that version was negotiated (not pinned), drop it so the next call probes again,
   * because slurmrestd may have been upgraded.
   */
  synchronized void forget(String plugin, String api) {
    if (!pinned.containsKey(plugin) && api.equals(negotiated.get(plugin))) negotiated.remove(plugin);
  }

  private String negotiate(String plugin, Endpoint endpoint) throws SlurmSourceException {
    String probe = plugin.equals(SLURM) ? "ping" : "diag";
    List<String> tried = new ArrayList<>();
    for (String api : RestSource.SUPPORTED_API_VERSIONS) {
      tried.add(api);
      try {
        client.get(endpoint, plugin, api, probe, Map.of(), (in, v) -> SlurmJson.envelope(in, probe, v));
        return api;
      } catch (RestClient.NotFound e) {
        continue;
      } catch (RestClient.NotModified e) {
        return api;
      } catch (SlurmSourceException e) {
        // the version exists (not 404) even if its answer is a Slurm error (slurmdbd down): use it, unless the
        // failure says we cannot talk at all
        if (e.kind() == ErrorKind.SLURM_ERROR || e.kind() == ErrorKind.HTTP_STATUS) return api;
        throw e;
      }
    }
    throw client.fail(ErrorKind.UNSUPPORTED, endpoint, "no supported /" + plugin + " API version is served (tried "
        + String.join(", ", tried) + ", all HTTP 404)", 0, null);
  }

  /** Orders {@code v0.0.9} before {@code v0.0.42}: numerically per dot-separated part. */
  static int compare(String a, String b) {
    String[] x = a.replaceFirst("^v", "").split("\\.");
    String[] y = b.replaceFirst("^v", "").split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) return c;
    }
    return Integer.compare(x.length, y.length);
  }
}
