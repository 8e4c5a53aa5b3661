package io.slurmmetrics.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
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
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSource;

/**
 * Reads Slurm's JSON into the model: one set of tolerant streaming readers for REST v0.0.38 to v0.0.45 and the CLI's
 * {@code --json} output (same schemas). Shapes are recognised as they come, not by version number; the API version
 * is only used in error messages. Unknown fields are skipped without being decoded.
 *
 * <p>Every method consumes the whole source (the caller closes it) and returns the data with the response's
 * {@code meta}, {@code errors[]} and {@code warnings[]}. When {@code errors[]} is non-empty the data may be empty: the
 * caller decides (a 200 with errors is a failure). Failures:
 * <ul>
 *   <li>{@link SlurmJsonException}: not JSON, truncated, a required field missing; the message names the endpoint,
 *       the API version and the field;</li>
 *   <li>{@link IOException} (other than the JSON ones above): the transport failed while streaming.</li>
 * </ul>
 * Thread-safe (stateless).
 */
public final class SlurmJson {
  private SlurmJson() {}

  public static SlurmResponse<List<Node>> nodes(BufferedSource in, String apiVersion)
      throws IOException, SlurmJsonException {
    return list(in, "nodes", apiVersion, "nodes", NodeReader::read);
  }

  public static SlurmResponse<List<Partition>> partitions(BufferedSource in, String apiVersion)
      throws IOException, SlurmJsonException {
    return list(in, "partitions", apiVersion, "partitions", PartitionReader::read);
  }

  public static SlurmResponse<List<Job>> jobs(BufferedSource in, String apiVersion)
      throws IOException, SlurmJsonException {
    return byteList(in, "jobs", apiVersion, "jobs", new JobReader()::read);
  }

  public static SlurmResponse<List<Reservation>> reservations(BufferedSource in, String apiVersion)
      throws IOException, SlurmJsonException {
    return list(in, "reservations", apiVersion, "reservations", ReservationReader::read);
  }

  public static SlurmResponse<List<License>> licenses(BufferedSource in, String apiVersion)
      throws IOException, SlurmJsonException {
    return list(in, "licenses", apiVersion, "licenses", LicenseReader::read);
  }

  /** Jobs from the accounting database ({@code /slurmdb/.../jobs}, {@code sacct --json}). */
  public static SlurmResponse<List<AccountingJob>> accountingJobs(BufferedSource in, String apiVersion)
      throws IOException, SlurmJsonException {
    return byteList(in, "accounting_jobs", apiVersion, "jobs", new AccountingJobReader()::read);
  }

  /** Reads one item of a list from raw bytes. */
  private interface ByteItemReader<T> {
    T read(ByteJsonReader r, int index) throws IOException;
  }

  /**
   * {@link #list} for the two answers read from raw bytes ({@link ByteJsonReader}): the job lists, hundreds of MB on a
   * large cluster. The envelope's small values still go through {@link Envelope}'s Moshi code.
   */
  private static <T> SlurmResponse<List<T>> byteList(BufferedSource in, String endpoint, String apiVersion,
      String key, ByteItemReader<T> item) throws IOException, SlurmJsonException {
    List<T> out = new ArrayList<>();
    Envelope env = new Envelope();
    boolean seen = false;
    try {
      ByteJsonReader r = new ByteJsonReader(in);
      if (!r.startsWithObject()) throw new PayloadError("expected a JSON object at the top level");
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        if (name.equals(key)) {
          seen = true;
          readItems(r, key, item, out);
          continue;
        }
        if (!Envelope.isOwn(name)) {
          r.skipValue(); // a top-level key we do not know is not copied, however large
          continue;
        }
        try (JsonReader value = JsonReader.of(r.nextValueBytes())) {
          value.setLenient(true);
          env.readOwn(name, value);
        }
      }
      r.endObject();
      r.endDocument();
    } catch (PayloadError | JsonEncodingException | JsonDataException | EOFException | IllegalArgumentException
        | ArithmeticException e) {
      throw failure(endpoint, apiVersion, e);
    }
    return response(endpoint, apiVersion, key, seen, env, out);
  }

  private static <T> void readItems(ByteJsonReader r, String key, ByteItemReader<T> item, List<T> out)
      throws IOException {
    switch (r.peek()) {
      case ByteJsonReader.NULL:
        r.nextNull();
        return;
      case ByteJsonReader.ARRAY:
        break;
      default:
        throw new PayloadError("'" + key + "' is not an array");
    }
    r.beginArray();
    while (r.hasNext()) {
      if (r.peek() != ByteJsonReader.OBJECT) throw new PayloadError(key + "[" + out.size() + "] is not an object");
      out.add(item.read(r, out.size()));
    }
    r.endArray();
  }

  /**
   * The steps of the jobs in a slurmdb answer ({@code /slurmdb/.../jobs?state=RUNNING}, {@code sacct --json -s R}),
   * every step of every job, finished ones included ({@link JobStep#isActive()} tells them apart).
   */
  public static SlurmResponse<List<JobStep>> steps(BufferedSource in, String apiVersion)
      throws IOException, SlurmJsonException {
    SlurmResponse<List<List<JobStep>>> perJob = list(in, "steps", apiVersion, "jobs", StepReader::read);
    List<JobStep> all = new ArrayList<>();
    for (List<JobStep> job : perJob.data()) all.addAll(job);
    return new SlurmResponse<>(all, perJob.meta(), perJob.errors(), perJob.warnings(), perJob.lastUpdate());
  }

  /** {@code shares.shares[]} of {@code /shares} or {@code sshare --json}. */
  public static SlurmResponse<List<FairShare>> shares(BufferedSource in, String apiVersion)
      throws IOException, SlurmJsonException {
    List<FairShare> out = new ArrayList<>();
    boolean[] seen = {false};
    return read(in, "shares", apiVersion, "shares", seen, (name, r) -> {
      if (!name.equals("shares")) return false;
      seen[0] = true;
      if (r.peek() == JsonReader.Token.BEGIN_ARRAY) {
        Envelope.forEach(r, "shares", (rr, i) -> out.add(ShareReader.read(rr, i)));
        return true;
      }
      r.beginObject();
      while (r.hasNext()) {
        if (r.nextName().equals("shares")) Envelope.forEach(r, "shares.shares", (rr, i) -> out.add(ShareReader.read(rr, i)));
        else r.skipValue();
      }
      r.endObject();
      return true;
    }, () -> out);
  }

  public static SlurmResponse<SchedulerStats> diag(BufferedSource in, String apiVersion)
      throws IOException, SlurmJsonException {
    SchedulerStats[] stats = {null};
    boolean[] seen = {false};
    SlurmResponse<SchedulerStats[]> resp = read(in, "diag", apiVersion, "statistics", seen, (name, r) -> {
      if (!name.equals("statistics")) return false;
      seen[0] = true;
      stats[0] = DiagReader.read(r);
      return true;
    }, () -> stats);
    SchedulerStats s = stats[0] != null ? stats[0] : new SchedulerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, java.util.Optional.empty(), List.of(), List.of());
    return new SlurmResponse<>(s, resp.meta(), resp.errors(), resp.warnings(), resp.lastUpdate());
  }

  /**
   * {@code /ping}: whether any controller answers, with the Slurm release and cluster name from {@code meta}
   * (empty where the version does not say).
   */
  public static SlurmResponse<ControllerInfo> ping(BufferedSource in, String apiVersion)
      throws IOException, SlurmJsonException {
    boolean[] responding = {false};
    boolean[] seen = {false};
    SlurmResponse<boolean[]> resp = read(in, "ping", apiVersion, "pings", seen, (name, r) -> {
      if (!name.equals("pings")) return false;
      seen[0] = true;
      responding[0] = PingReader.readAnyResponding(r);
      return true;
    }, () -> responding);
    ControllerInfo info = new ControllerInfo(resp.meta().clusterName(), resp.meta().slurmRelease(), apiVersion,
        responding[0]);
    return new SlurmResponse<>(info, resp.meta(), resp.errors(), resp.warnings(), resp.lastUpdate());
  }

  /** Only the envelope (meta, errors, warnings) of any response, e.g. slurmdb {@code /diag} as a database ping. */
  public static SlurmResponse<Boolean> envelope(BufferedSource in, String endpoint, String apiVersion)
      throws IOException, SlurmJsonException {
    boolean[] seen = {true};
    return read(in, endpoint, apiVersion, "", seen, (name, r) -> false, () -> Boolean.TRUE);
  }

  interface ItemParser<T> {
    T read(JsonReader r, int index) throws IOException;
  }

  private static <T> SlurmResponse<List<T>> list(BufferedSource in, String endpoint, String apiVersion, String key,
      ItemParser<T> parser) throws IOException, SlurmJsonException {
    List<T> out = new ArrayList<>();
    boolean[] seen = {false};
    return read(in, endpoint, apiVersion, key, seen, (name, r) -> {
      if (!name.equals(key)) return false;
      seen[0] = true;
      Envelope.forEach(r, key, (rr, i) -> out.add(parser.read(rr, i)));
      return true;
    }, () -> out);
  }

  private static <D> SlurmResponse<D> read(BufferedSource in, String endpoint, String apiVersion, String key,
      boolean[] seen, Envelope.DataReader data, java.util.function.Supplier<D> result)
      throws IOException, SlurmJsonException {
    Envelope env = new Envelope();
    try (JsonReader r = JsonReader.of(in)) {
      // Slurm prints bare Infinity/NaN (sshare "level": Infinity): only the lenient reader accepts those literals
      r.setLenient(true);
      env.read(r, data);
      if (r.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new PayloadError("trailing data after the JSON object");
      }
    } catch (PayloadError | JsonEncodingException | JsonDataException | EOFException | IllegalArgumentException
        | ArithmeticException e) {
      throw failure(endpoint, apiVersion, e);
    }
    return response(endpoint, apiVersion, key, seen[0], env, result.get());
  }

  /** The one message for each way a payload fails to read. */
  private static SlurmJsonException failure(String endpoint, String apiVersion, Exception e) {
    if (e instanceof PayloadError) return new SlurmJsonException(endpoint, apiVersion, e.getMessage(), null);
    if (e instanceof EOFException) {
      return new SlurmJsonException(endpoint, apiVersion, "truncated JSON: " + oneLine(e.getMessage()), e);
    }
    if (e instanceof JsonEncodingException || e instanceof JsonDataException) {
      return new SlurmJsonException(endpoint, apiVersion, "malformed JSON: " + oneLine(e.getMessage()), e);
    }
    // bad numbers, bad hostlists
    return new SlurmJsonException(endpoint, apiVersion, "unreadable value: " + oneLine(e.getMessage()), e);
  }

  private static <D> SlurmResponse<D> response(String endpoint, String apiVersion, String key, boolean seen,
      Envelope env, D data) throws SlurmJsonException {
    if (!seen && env.errors.isEmpty()) {
      throw new SlurmJsonException(endpoint, apiVersion, "missing required field '" + key + "' in the response",
          null);
    }
    return new SlurmResponse<>(data, env.meta, env.errors, env.warnings, env.lastUpdate);
  }

  private static String oneLine(String s) {
    if (s == null) return "";
    String t = s.replaceAll("\\s+", " ").trim();
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }
}
