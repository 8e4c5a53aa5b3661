package io.slurmmetrics.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.testkit.FakeRequest;
import io.slurmmetrics.testkit.FakeResponse;
import io.slurmmetrics.testkit.Fixtures;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ClusterSimulatorTest {
  private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

  /** A clock the test moves by hand. */
  static final class SteppedClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static Object get(ClusterSimulator sim, String path, Map<String, String> query) throws IOException {
    Buffer b = new Buffer();
    assertThat(sim.write(path, query, b)).as(path).isTrue();
    return JsonReader.of(b).readJsonValue();
  }

  private static Object get(ClusterSimulator sim, String path) throws IOException {
    return get(sim, path, Map.of());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  private static String bytes(ClusterSimulator sim, String path) throws IOException {
    Buffer b = new Buffer();
    sim.write(path, Map.of(), b);
    return b.readUtf8();
  }

  @Test
  void sameSeedAndTimeGiveTheSameCluster() throws IOException {
    SteppedClock c1 = new SteppedClock();
    SteppedClock c2 = new SteppedClock();
    ClusterSimulator a = ClusterSimulator.builder().seed(5).clock(c1).build();
    ClusterSimulator b = ClusterSimulator.builder().seed(5).clock(c2).build();
    // b is looked at often, a only at the end: the state depends on the time, not on the looking
    for (int i = 0; i < 30; i++) {
      c2.now = c2.now.plusSeconds(60);
      bytes(b, "/slurm/v0.0.42/nodes");
    }
    c1.now = c2.now;
    for (String p : List.of("nodes", "jobs", "partitions", "reservations", "licenses", "shares")) {
      assertThat(bytes(a, "/slurm/v0.0.42/" + p)).as(p).isEqualTo(bytes(b, "/slurm/v0.0.42/" + p));
    }
    ClusterSimulator other = ClusterSimulator.builder().seed(6).clock(c1).build();
    assertThat(bytes(other, "/slurm/v0.0.42/jobs")).isNotEqualTo(bytes(a, "/slurm/v0.0.42/jobs"));
  }

  /** Every key path with its JSON kind ({@code nodes[].cpus:number}); null matches any kind and is left out. */
  private static void paths(String at, Object v, Set<String> out) {
    if (v instanceof Map<?, ?> m) {
      out.add(at + ":object");
      m.forEach((k, x) -> paths(at + "." + k, x, out));
    } else if (v instanceof List<?> l) {
      out.add(at + ":array");
      for (Object x : l) paths(at + "[]", x, out);
    } else if (v != null) {
      out.add(at + ":" + (v instanceof String ? "string" : v instanceof Boolean ? "boolean" : "number"));
    }
  }

  @Test
  void everyDocumentHasTheShapeRealSlurmrestdSends() throws IOException {
    ClusterSimulator sim = ClusterSimulator.builder().seed(1).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
    var recorded = Fixtures.of("24.11");
    for (String[] e : List.of(new String[] {"slurm", "nodes", "nodes"}, new String[] {"slurm", "jobs", "jobs"},
        new String[] {"slurm", "partitions", "partitions"}, new String[] {"slurm", "reservations", "reservations"},
        new String[] {"slurm", "licenses", "licenses"}, new String[] {"slurm", "diag", "statistics"},
        new String[] {"slurm", "ping", "pings"}, new String[] {"slurm", "shares", "shares"},
        new String[] {"slurmdb", "jobs", "jobs"}, new String[] {"slurmdb", "diag", "statistics"})) {
      Object real = JsonReader.of(new Buffer().write(recorded.rest("v0.0.42", e[0], e[1]).orElseThrow()))
          .readJsonValue();
      Object simulated = get(sim, "/" + e[0] + "/v0.0.42/" + e[1]);
      Set<String> realPaths = new TreeSet<>();
      Set<String> simPaths = new TreeSet<>();
      paths("", real, realPaths);
      paths("", simulated, simPaths);
      // nothing invented: every key the simulator writes, with its kind, is one real slurmrestd wrote
      assertThat(simPaths).as("%s/%s keys not in the recording", e[0], e[1]).isSubsetOf(realPaths);
      // nothing left out at the top and in the listed objects
      assertThat(obj(simulated).keySet()).as("%s/%s top-level keys", e[0], e[1]).containsAll(obj(real).keySet());
      Object realItems = obj(real).get(e[2]);
      Object simItems = obj(simulated).get(e[2]);
      if (realItems instanceof List<?> rl && !rl.isEmpty()) {
        assertThat(list(simItems)).as("%s/%s items", e[0], e[1]).isNotEmpty();
        assertThat(obj(list(simItems).get(0)).keySet()).as("%s/%s item keys", e[0], e[1])
            .containsAll(obj(rl.get(0)).keySet());
      }
    }
  }

  private static long diag(ClusterSimulator sim, String key) throws IOException {
    return ((Number) obj(obj(get(sim, "/slurm/v0.0.42/diag")).get("statistics")).get(key)).longValue();
  }

  @Test
  void timeMovesJobsThroughTheirLivesAndNodesDrainAndReturn() throws IOException {
    SteppedClock clock = new SteppedClock();
    ClusterSimulator sim = ClusterSimulator.builder().seed(3).clock(clock).finishedHistory(0, Duration.ofHours(1))
        .build();
    long submitted0 = diag(sim, "jobs_submitted");
    long completed0 = diag(sim, "jobs_completed");
    Set<String> jobStates = new HashSet<>();
    Set<String> reasons = new HashSet<>();
    Set<String> drainedAtSomePoint = new HashSet<>();
    Set<String> returned = new HashSet<>();
    for (int minute = 0; minute < 8 * 60; minute += 10) {
      clock.now = T0.plus(Duration.ofMinutes(minute));
      for (Object j : list(obj(get(sim, "/slurm/v0.0.42/jobs")).get("jobs"))) {
        jobStates.add(String.valueOf(list(obj(j).get("job_state")).get(0)));
        reasons.add(String.valueOf(obj(j).get("state_reason")));
      }
      for (Object n : list(obj(get(sim, "/slurm/v0.0.42/nodes")).get("nodes"))) {
        String name = String.valueOf(obj(n).get("name"));
        List<Object> state = list(obj(n).get("state"));
        if (state.contains("DRAIN") || state.contains("DOWN")) {
          drainedAtSomePoint.add(name);
        } else if (drainedAtSomePoint.contains(name)) {
          returned.add(name);
        }
      }
    }
    assertThat(diag(sim, "jobs_submitted")).isGreaterThan(submitted0 + 100);
    assertThat(diag(sim, "jobs_completed")).isGreaterThan(completed0 + 50);
    assertThat(diag(sim, "jobs_failed")).isPositive();
    assertThat(jobStates).contains("PENDING", "RUNNING", "COMPLETED", "FAILED");
    assertThat(reasons).contains("Resources", "Priority", "None");
    assertThat(drainedAtSomePoint).isNotEmpty();
    assertThat(returned).isNotEmpty();
    // finished jobs reach slurmdb, and the window query selects by end time
    long from = T0.plus(Duration.ofHours(7)).getEpochSecond();
    long to = T0.plus(Duration.ofHours(8)).getEpochSecond();
    List<Object> ended = list(obj(get(sim, "/slurmdb/v0.0.42/jobs", Map.of("start_time", Long.toString(from),
        "end_time", Long.toString(to)))).get("jobs"));
    assertThat(ended).isNotEmpty().allSatisfy(j -> {
      long end = ((Number) obj(obj(j).get("time")).get("end")).longValue();
      assertThat(end).isBetween(from, to);
    });
  }

  @Test
  void gpuNodesAndSharedPartitionsAreThere() throws IOException {
    ClusterSimulator sim = ClusterSimulator.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).cpuNodes(8).gpuNodes(2)
        .build();
    List<Object> nodes = list(obj(get(sim, "/slurm/v0.0.42/nodes")).get("nodes"));
    assertThat(nodes).hasSize(10);
    assertThat(nodes).anySatisfy(n -> assertThat(obj(n).get("gres")).isEqualTo("gpu:a100:4"));
    assertThat(nodes).anySatisfy(n -> assertThat(list(obj(n).get("partitions"))).containsExactly("cpu", "debug"));
    List<Object> parts = list(obj(get(sim, "/slurm/v0.0.42/partitions")).get("partitions"));
    assertThat(parts).extracting(p -> obj(p).get("name")).containsExactly("cpu", "gpu", "debug");
    assertThat(parts).anySatisfy(p -> assertThat(obj(obj(p).get("nodes")).get("configured")).isEqualTo("c[001-008]"));
  }

  @Test
  void slurmdbdOutageAnswersLikeSlurm2411() {
    SteppedClock clock = new SteppedClock();
    ClusterSimulator sim = ClusterSimulator.builder().clock(clock)
        .slurmdbdOutages(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofSeconds(5)).build();
    FakeRequest db = new FakeRequest("GET", "/slurmdb/v0.0.42/jobs", Map.of(), Map.of());
    assertThat(sim.responder().respond(db).status()).isEqualTo(200);
    clock.now = T0.plusSeconds(12);
    FakeResponse down = sim.responder().respond(db);
    assertThat(down.status()).isEqualTo(502);
    assertThat(down.bodyText()).contains("7000");
    assertThat(sim.responder().respond(new FakeRequest("GET", "/slurm/v0.0.42/nodes", Map.of(), Map.of())).status())
        .isEqualTo(200);
    clock.now = T0.plusSeconds(16);
    assertThat(sim.responder().respond(db).status()).isEqualTo(200);
    assertThat(sim.responder().respond(new FakeRequest("GET", "/slurm/v0.0.99/ping", Map.of(), Map.of()))).isNull();
  }

  @Test
  void largeClustersStreamAndAMillionFinishedJobsCostNothingUntilAsked() throws IOException {
    ClusterSimulator sim = ClusterSimulator.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).cpuNodes(9_000)
        .gpuNodes(1_000).queueTarget(2_000).finishedHistory(1_000_000, Duration.ofDays(7)).build();
    assertThat(list(obj(get(sim, "/slurm/v0.0.42/nodes")).get("nodes"))).hasSize(10_000);
    // one minute of a week with a million jobs: about 99 of them
    long from = T0.minus(Duration.ofDays(1)).getEpochSecond();
    List<Object> window = list(obj(get(sim, "/slurmdb/v0.0.42/jobs", Map.of("start_time", Long.toString(from),
        "end_time", Long.toString(from + 59)))).get("jobs"));
    assertThat(window).hasSizeBetween(95, 105);
    List<Long> ids = new ArrayList<>();
    for (Object j : window) ids.add(((Number) obj(j).get("job_id")).longValue());
    assertThat(ids).isSorted().doesNotHaveDuplicates();
  }
}
