package io.slurmmetrics.source.rest;

import io.slurmmetrics.json.SlurmJson;
import io.slurmmetrics.json.SlurmResponse;
import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.JobStep;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.SlurmSourceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@link RestSource}'s calls to {@code /slurmdb}: the database ping, finished jobs in a window and the steps of running
 * jobs. Kept apart because slurmdbd fails on its own (down, 7000, 502) and answers in its own dialect (22.05's 9003
 * "Nothing found" for an empty match). The HTTP flow (version, 404, 304) stays with {@link RestSource}. Thread-safe.
 */
final class SlurmdbCalls {
  /**
   * Slurm 22.05 answers a job query with no match by errno 9003 ({@code ESLURM_REST_EMPTY_RESULT}, "Nothing found with
   * query", HTTP 200 / {@code sacct --json} exit 0) instead of an empty list: an empty result, not a failure.
   */
  static final int NOTHING_FOUND = 9003;

  /** {@link RestSource}'s GET with version negotiation and failure classification. */
  interface Fetch {
    <T> SlurmResponse<T> get(Endpoint endpoint, String plugin, String path, Map<String, String> query,
        RestClient.Decoder<T> decoder) throws SlurmSourceException;
  }

  private final Fetch fetch;
  private final ApiVersions versions;
  private final BiFunction<String, Instant, String> timeParameter;

  /** {@code timeParameter}: a time in the dialect of an API version ({@link RestSource#timeParameter}). */
  SlurmdbCalls(Fetch fetch, ApiVersions versions, BiFunction<String, Instant, String> timeParameter) {
    this.fetch = fetch;
    this.versions = versions;
    this.timeParameter = timeParameter;
  }

  void ping() throws SlurmSourceException {
    fetch.get(Endpoint.DATABASE, ApiVersions.SLURMDB, "diag", Map.of(),
        (in, api) -> SlurmJson.envelope(in, "database", api));
  }

  List<AccountingJob> jobsEndedBetween(Instant endedFrom, Instant endedTo) throws SlurmSourceException {
    String api = versions.version(ApiVersions.SLURMDB, Endpoint.ACCOUNTING_JOBS);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("start_time", timeParameter.apply(api, endedFrom));
    query.put("end_time", timeParameter.apply(api, endedTo.plusSeconds(1)));
    List<AccountingJob> all = orEmpty(Endpoint.ACCOUNTING_JOBS, query, SlurmJson::accountingJobs);
    List<AccountingJob> ended = new ArrayList<>();
    for (AccountingJob j : all) {
      if (j.endTime().isPresent() && !j.endTime().get().isBefore(endedFrom) && !j.endTime().get().isAfter(endedTo)) {
        ended.add(j);
      }
    }
    return ended;
  }

  /**
   * {@code /slurmdb/vX/jobs?state=RUNNING}: without a time window slurmdbd takes "running now", like
   * {@code sacct -s R}; served by every slurmdb version we read (v0.0.38 to v0.0.45).
   */
  List<JobStep> runningSteps() throws SlurmSourceException {
    return orEmpty(Endpoint.STEPS, Map.of("state", "RUNNING"), SlurmJson::steps);
  }

  private <T> List<T> orEmpty(Endpoint endpoint, Map<String, String> query, RestClient.Decoder<List<T>> decoder)
      throws SlurmSourceException {
    try {
      return fetch.get(endpoint, ApiVersions.SLURMDB, "jobs", query, decoder).data();
    } catch (SlurmSourceException e) {
      if (e.slurmErrno() == NOTHING_FOUND) return List.of();
      throw e;
    }
  }
}
