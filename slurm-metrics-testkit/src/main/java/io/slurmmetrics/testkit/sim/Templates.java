package io.slurmmetrics.testkit.sim;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import okio.Okio;

/**
 * The shapes the simulator writes, taken from the recorded Slurm 24.11 REST v0.0.42 fixtures: every object the
 * simulator emits is one recorded object with some keys replaced, so key names, nesting and the
 * {@code {set,infinite,number}} wrappers are exactly what real slurmrestd sends.
 */
final class Templates {
  static final String BASE = "/io/slurmmetrics/testkit/fixtures/slurm-24.11/rest/v0.0.42/";
  /** v0.0.44 shapes (a superset of v0.0.42's keys) from the recorded Slurm 26.05 fixtures. */
  static final String BASE_V44 = "/io/slurmmetrics/testkit/fixtures/slurm-26.05/rest/v0.0.44/";

  private final String base;

  final Map<String, Object> ping;
  final Map<String, Object> meta;
  final Map<String, Object> dbMeta;
  final Map<String, Object> dbDiag;
  final Map<String, Object> diag;
  final Map<String, Object> node;
  final Map<String, Object> partition;
  final Map<String, Object> runningJob;
  final Map<String, Object> pendingJob;
  /** A job running on two whole nodes ({@code -N2 --exclusive}) and a heterogeneous job's running component. */
  final Map<String, Object> wholeNodeJob;
  final Map<String, Object> hetJob;
  final Map<String, Object> dbJob;
  final Map<String, Object> dbStep;
  final Map<String, Object> reservation;
  final Map<String, Object> license;
  final Map<String, Object> shareAssociation;
  final Map<String, Object> shareUser;
  final Map<String, Object> rpcByType;
  final Map<String, Object> rpcByUser;
  final Map<String, Object> core;
  final Map<String, Object> allocation;

  private Templates(String base) {
    this.base = base;
    Map<String, Object> pingDoc = load("slurm/ping.json");
    ping = first(pingDoc, "pings", x -> true);
    meta = obj(pingDoc.get("meta"));
    Map<String, Object> diagDoc = load("slurm/diag.json");
    diag = obj(diagDoc.get("statistics"));
    rpcByType = obj(list(diag.get("rpcs_by_message_type")).get(0));
    rpcByUser = obj(list(diag.get("rpcs_by_user")).get(0));
    node = first(load("slurm/nodes.json"), "nodes", n -> !String.valueOf(n.get("gres")).isEmpty());
    partition = first(load("slurm/partitions.json"), "partitions", p -> true);
    Map<String, Object> jobs = load("slurm/jobs.json");
    runningJob = first(jobs, "jobs", j -> list(j.get("job_state")).contains("RUNNING") && j.get("job_resources") != null);
    pendingJob = first(jobs, "jobs", j -> list(j.get("job_state")).contains("PENDING"));
    // recorded apart (scripts/record-fixtures shapes): the seeded queue has neither
    Map<String, Object> shapes = load("slurm/jobs-shapes.json");
    wholeNodeJob = first(shapes, "jobs", j -> list(j.get("job_state")).contains("RUNNING")
        && j.get("job_resources") != null
        && Boolean.TRUE.equals(obj(obj(j.get("job_resources")).get("nodes")).get("whole")));
    hetJob = first(shapes, "jobs", j -> list(j.get("job_state")).contains("RUNNING")
        && ((Number) obj(j.get("het_job_id")).get("number")).longValue() != 0);
    Map<String, Object> resources = obj(runningJob.get("job_resources"));
    allocation = obj(list(obj(resources.get("nodes")).get("allocation")).get(0));
    core = obj(list(obj(list(allocation.get("sockets")).get(0)).get("cores")).get(0));
    Map<String, Object> dbJobs = load("slurmdb/jobs.json");
    dbMeta = obj(dbJobs.get("meta"));
    dbDiag = obj(load("slurmdb/diag.json").get("statistics"));
    dbJob = first(dbJobs, "jobs", j -> !list(j.get("steps")).isEmpty());
    dbStep = obj(list(dbJob.get("steps")).get(0));
    reservation = first(load("slurm/reservations.json"), "reservations", r -> true);
    license = first(load("slurm/licenses.json"), "licenses", l -> true);
    Map<String, Object> shares = obj(load("slurm/shares.json").get("shares"));
    shareAssociation = first(shares, "shares", s -> list(s.get("type")).contains("ASSOCIATION"));
    shareUser = first(shares, "shares", s -> list(s.get("type")).contains("USER"));
  }

  private static final class Holder {
    static final Templates INSTANCE = new Templates(BASE);
  }

  private static final class HolderV44 {
    static final Templates INSTANCE = new Templates(BASE_V44);
  }

  static Templates get() {
    return Holder.INSTANCE;
  }

  /** The shapes of {@code v0.0.42} or {@code v0.0.44}. */
  static Templates get(String apiVersion) {
    return switch (apiVersion) {
      case "v0.0.42" -> Holder.INSTANCE;
      case "v0.0.44" -> HolderV44.INSTANCE;
      default -> throw new IllegalArgumentException("the simulator speaks v0.0.42 and v0.0.44, not " + apiVersion);
    };
  }

  private Map<String, Object> load(String file) {
    try (InputStream in = Templates.class.getResourceAsStream(base + file)) {
      if (in == null) throw new IllegalStateException("recorded fixture missing from the testkit: " + base + file);
      return obj(JsonReader.of(Okio.buffer(Okio.source(in))).readJsonValue());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file, e);
    }
  }

  private static Map<String, Object> first(Map<String, Object> doc, String key, Predicate<Map<String, Object>> p) {
    for (Object o : list(doc.get(key))) {
      if (p.test(obj(o))) return obj(o);
    }
    throw new IllegalStateException("fixture has no suitable element under " + key);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }

  /** Writes {@code template} with the keys of {@code overrides} replaced (keys not in the template are not added). */
  static void write(JsonWriter w, Map<String, Object> template, Map<String, Object> overrides) throws IOException {
    w.beginObject();
    for (Map.Entry<String, Object> e : template.entrySet()) {
      w.name(e.getKey());
      value(w, overrides.containsKey(e.getKey()) ? overrides.get(e.getKey()) : e.getValue());
    }
    w.endObject();
  }

  static void value(JsonWriter w, Object v) throws IOException {
    if (v == null) {
      w.nullValue();
    } else if (v instanceof String s) {
      w.value(s);
    } else if (v instanceof Boolean b) {
      w.value(b);
    } else if (v instanceof Double d) {
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9e15) {
        w.value(d.longValue());
      } else {
        w.value(d);
      }
    } else if (v instanceof Float f) {
      w.value(f.doubleValue());
    } else if (v instanceof Number n) {
      w.value(n.longValue());
    } else if (v instanceof Map<?, ?> m) {
      w.beginObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        w.name(String.valueOf(e.getKey()));
        value(w, e.getValue());
      }
      w.endObject();
    } else if (v instanceof List<?> l) {
      w.beginArray();
      for (Object o : l) value(w, o);
      w.endArray();
    } else if (v instanceof Writable x) {
      x.writeTo(w);
    } else {
      throw new IllegalArgumentException("cannot write " + v.getClass());
    }
  }

  /** A value that writes itself (a template with overrides, nested). */
  @FunctionalInterface
  interface Writable {
    void writeTo(JsonWriter w) throws IOException;
  }

  static Writable with(Map<String, Object> template, Map<String, Object> overrides) {
    return w -> write(w, template, overrides);
  }

  /** Slurm's {@code {"set": true, "infinite": false, "number": n}}. */
  static Map<String, Object> num(Number n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("set", true);
    m.put("infinite", false);
    m.put("number", n);
    return m;
  }

  /** Slurm's unset number: {@code {"set": false, "infinite": false, "number": 0}}. */
  static Map<String, Object> unset() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("set", false);
    m.put("infinite", false);
    m.put("number", 0);
    return m;
  }
}
