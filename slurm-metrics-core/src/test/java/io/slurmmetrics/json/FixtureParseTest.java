package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.ControllerInfo;
import io.slurmmetrics.model.FairShare;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.model.State;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import okio.Buffer;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded real fixture of every Slurm version parses, and per fixture: allocated <= total, every state token of
 * the raw JSON survives into the model (known or kept raw), and list sizes equal the raw array lengths. The raw side is
 * read with Moshi's generic {@code readJsonValue}, independent of our readers.
 */
class FixtureParseTest {

  static Stream<Arguments> fixtures() {
    List<Arguments> out = new ArrayList<>();
    for (FixtureSet set : Fixtures.all()) {
      for (String f : set.files()) {
        if (f.endsWith(".json") && (f.startsWith("rest/") || f.startsWith("cli/"))) {
          out.add(Arguments.of(set.slurmVersion(), f));
        }
      }
    }
    return out.stream();
  }

  @Test
  void everyLabVersionHasRecordedFixtures() {
    assertThat(Fixtures.versions()).contains("22.05", "24.11", "26.05");
    assertThat(fixtures().count()).isGreaterThan(100);
  }

  @ParameterizedTest(name = "slurm-{0} {1}")
  @MethodSource("fixtures")
  void parsesWithInvariants(String version, String file) throws Exception {
    FixtureSet set = Fixtures.of(version);
    if (set.bytes(file).length == 0) {
      // an empty recording is a 304 (update_time, nothing changed): the index must say so
      assertThat(set.text("index.tsv")).containsPattern("(?m)^" + java.util.regex.Pattern.quote(file) + "\t304\t");
      return;
    }
    Map<String, Object> raw = raw(set, file);
    String api = file.startsWith("rest/") ? file.split("/")[1] : "cli";
    String endpoint = endpointOf(file);
    assertThat(raw.get("errors")).as("recorded fixture %s has no errors[]", file)
        .satisfiesAnyOf(e -> assertThat(e).isNull(), e -> assertThat((List<?>) e).isEmpty());

    switch (endpoint) {
      case "nodes": {
        List<Node> nodes = SlurmJson.nodes(source(set, file), api).data();
        List<Map<String, Object>> rawNodes = list(raw, "nodes");
        assertThat(nodes).hasSize(rawNodes.size()).isNotEmpty();
        for (int i = 0; i < nodes.size(); i++) {
          Node n = nodes.get(i);
          assertThat(n.cpusAllocated()).as(n.name()).isBetween(0, n.cpusTotal());
          assertThat(n.cpusTotal()).as(n.name()).isPositive();
          assertThat(n.memoryAllocatedBytes()).as(n.name()).isBetween(0L, n.memoryTotalBytes());
          assertThat(n.gpusAllocated()).as(n.name()).isBetween(0L, n.gpusTotal());
          n.gresUsed().forEach((k, v) -> assertThat(v).as(n.name() + " " + k).isLessThanOrEqualTo(
              n.gresTotal().getOrDefault(k, 0L)));
          assertStateKept(n.state(), rawNodes.get(i), "state", "state_flags");
        }
        assertThat(nodes.stream().map(Node::name).distinct().count()).isEqualTo(nodes.size());
        break;
      }
      case "jobs": {
        List<Job> jobs = SlurmJson.jobs(source(set, file), api).data();
        List<Map<String, Object>> rawJobs = list(raw, "jobs");
        assertThat(jobs).hasSize(rawJobs.size());
        if (!file.contains("unchanged")) assertThat(jobs).isNotEmpty();
        for (int i = 0; i < jobs.size(); i++) {
          Job j = jobs.get(i);
          assertThat(j.jobId()).isPositive();
          assertThat(j.gpus()).isGreaterThanOrEqualTo(0);
          if (j.state().is("RUNNING")) {
            assertThat(j.cpus()).as("job %d cpus", j.jobId()).isPositive();
            assertThat(j.nodes()).as("job %d nodes", j.jobId()).isNotEmpty();
            assertThat(j.startTime()).as("job %d start", j.jobId()).isPresent();
          }
          assertStateKept(j.state(), rawJobs.get(i), "job_state", "state_flags");
        }
        break;
      }
      case "partitions": {
        List<Partition> parts = SlurmJson.partitions(source(set, file), api).data();
        assertThat(parts).hasSize(list(raw, "partitions").size()).isNotEmpty();
        for (Partition p : parts) {
          assertThat(p.totalNodes()).as(p.name()).isEqualTo(p.nodes().size());
          assertThat(p.state()).isNotEmpty();
        }
        // v0.0.40-v0.0.42 do not expose the DEFAULT flag at all; where flags exist, exactly one partition is default
        boolean flagsShown = list(raw, "partitions").stream().anyMatch(p -> p.containsKey("flags"));
        assertThat(parts.stream().filter(Partition::isDefault).count()).isEqualTo(flagsShown ? 1 : 0);
        break;
      }
      case "reservations": {
        List<Reservation> res = SlurmJson.reservations(source(set, file), api).data();
        assertThat(res).hasSize(list(raw, "reservations").size());
        for (Reservation r : res) {
          assertThat(r.nodeCount()).as(r.name()).isEqualTo(r.nodes().size());
          assertThat(r.endTime()).as(r.name()).isAfter(r.startTime());
        }
        break;
      }
      case "licenses": {
        List<License> lic = SlurmJson.licenses(source(set, file), api).data();
        assertThat(lic).hasSize(list(raw, "licenses").size()).isNotEmpty();
        for (License l : lic) {
          assertThat(l.used()).as(l.name()).isBetween(0L, l.total());
          assertThat(l.free()).as(l.name()).isEqualTo(l.total() - l.used() - l.reserved());
        }
        break;
      }
      case "diag": {
        SchedulerStats s = SlurmJson.diag(source(set, file), api).data();
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) raw.get("statistics");
        // v0.0.36/37 have no RPC statistics
        assertThat(s.rpcsByType()).hasSize(((List<?>) stats.getOrDefault("rpcs_by_message_type", List.of())).size());
        assertThat(s.rpcsByUser()).hasSize(((List<?>) stats.getOrDefault("rpcs_by_user", List.of())).size());
        assertThat(s.jobsRunning() + s.jobsPending()).isPositive();
        assertThat(s.serverThreadCount()).isPositive();
        assertThat(s.statsSince()).isPresent();
        assertThat(s.mainCycleMaxSeconds()).isBetween(0.0, 60.0);
        break;
      }
      case "shares": {
        List<FairShare> shares = SlurmJson.shares(source(set, file), api).data();
        @SuppressWarnings("unchecked")
        Map<String, Object> wrapper = (Map<String, Object>) raw.get("shares");
        assertThat(shares).hasSize(((List<?>) wrapper.get("shares")).size()).isNotEmpty();
        assertThat(shares).anyMatch(FairShare::isUser);
        for (FairShare f : shares) {
          assertThat(f.fairShare()).as(f.account() + "/" + f.user()).isBetween(0.0, 1.0);
          assertThat(f.account()).isNotEmpty();
        }
        break;
      }
      case "ping": {
        ControllerInfo info = SlurmJson.ping(source(set, file), api).data();
        assertThat(info.controllerResponding()).isTrue();
        assertThat(info.slurmVersion()).startsWith(version);
        break;
      }
      case "accounting_jobs": {
        List<AccountingJob> jobs = SlurmJson.accountingJobs(source(set, file), api).data();
        List<Map<String, Object>> rawJobs = list(raw, "jobs");
        assertThat(jobs).hasSize(rawJobs.size()).isNotEmpty();
        for (AccountingJob j : jobs) {
          assertThat(j.jobId()).isPositive();
          assertThat(j.elapsed().isNegative()).isFalse();
          if (j.state().is("COMPLETED") || j.state().is("FAILED") || j.state().is("TIMEOUT")) {
            assertThat(j.endTime()).as("job %d end", j.jobId()).isPresent();
            assertThat(j.tresAllocated().cpus()).as("job %d cpus", j.jobId()).isPositive();
          }
          assertThat(StateReader.BASE_STATES).as("job %d state", j.jobId()).contains(j.state().base());
        }
        break;
      }
      default: {
        SlurmResponse<Boolean> env = SlurmJson.envelope(source(set, file), endpoint, api);
        assertThat(env.errors()).isEmpty();
      }
    }
  }

  /** Every raw state token is in the model state (upper-cased): known or kept raw, never dropped. */
  @SuppressWarnings("unchecked")
  private static void assertStateKept(State state, Map<String, Object> raw, String key, String flagsKey) {
    Set<String> rawTokens = new HashSet<>();
    for (String k : List.of(key, flagsKey)) {
      Object v = raw.get(k);
      if (v instanceof String s) rawTokens.addAll(StateReader.split(s));
      else if (v instanceof List<?> l) for (Object o : l) rawTokens.add(String.valueOf(o).toUpperCase(Locale.ROOT));
    }
    Set<String> model = new HashSet<>(state.flags());
    model.add(state.base());
    assertThat(model).as("state of %s", raw.getOrDefault("name", raw.get("job_id"))).isEqualTo(rawTokens);
  }

  static String endpointOf(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1).replace(".json", "");
    if (file.startsWith("rest/") && file.contains("/slurmdb/")) return name.equals("jobs") ? "accounting_jobs" : "db-" + name;
    switch (name) {
      case "jobs-unchanged": case "squeue": case "scontrol-jobs": return "jobs";
      case "scontrol-nodes": return "nodes";
      case "sinfo": return "sinfo";
      case "scontrol-partitions": return "partitions";
      case "scontrol-reservations": return "reservations";
      case "scontrol-licenses": return "licenses";
      case "sdiag": return "diag";
      case "sshare": return "shares";
      case "sacct": return "accounting_jobs";
      default: return name;
    }
  }

  private static BufferedSource source(FixtureSet set, String file) {
    return new Buffer().write(set.bytes(file));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> raw(FixtureSet set, String file) throws IOException {
    try (JsonReader r = JsonReader.of(source(set, file))) {
      r.setLenient(true); // sshare's bare Infinity
      return (Map<String, Object>) r.readJsonValue();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> raw, String key) {
    return (List<Map<String, Object>>) raw.get(key);
  }
}
