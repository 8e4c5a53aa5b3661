package io.slurmmetrics.testkit.sim;

import static io.slurmmetrics.testkit.sim.ClusterSimulatorTest.list;
import static io.slurmmetrics.testkit.sim.ClusterSimulatorTest.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.testkit.sim.ClusterSimulatorTest.SteppedClock;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Partitions, arrays, multi-node and het jobs over simulated time (decoded by core: SimulatorAnswersDecodeTest). */
class ClusterSimulatorScenarioTest {
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(ClusterSimulator sim, String endpoint) throws IOException {
    Buffer b = new Buffer();
    assertThat(sim.write("/slurm/v0.0.42/" + endpoint, Map.of(), b)).isTrue();
    return (List<Map<String, Object>>) ((Map<String, Object>) JsonReader.of(b).readJsonValue()).get(endpoint);
  }

  private static long number(Object wrapped) {
    Object v = wrapped instanceof Map<?, ?> m ? m.get("number") : wrapped;
    return ((Number) v).longValue();
  }

  private static boolean running(Map<String, Object> job) {
    return list(job.get("job_state")).contains("RUNNING");
  }

  @Test
  void nodesHoldExactlyTheirJobsAndArraysKeepTheirTaskLimitWhileJobsComeAndGo() throws IOException {
    SteppedClock clock = new SteppedClock();
    ClusterSimulator sim = ClusterSimulator.builder().seed(11).clock(clock).cpuNodes(40).gpuNodes(8).queueTarget(200)
        .partitions(8).arrayJobs(0.15, 12).multiNodeJobs(0.08, 6).heterogeneousJobs(0.05)
        .finishedHistory(0, Duration.ofHours(1)).build();
    java.time.Instant t0 = clock.now;
    Set<String> taskStates = new HashSet<>();
    Set<String> reasons = new HashSet<>();
    int multiNodeSeen = 0;
    int hetRunningSeen = 0;
    for (int minute = 0; minute <= 180; minute += 15) {
      clock.now = t0.plus(Duration.ofMinutes(minute));
      List<Map<String, Object>> jobs = items(sim, "jobs");
      Map<String, Long> cpusByNode = new HashMap<>();
      Map<Long, Integer> runningTasks = new HashMap<>();
      Map<Long, Long> limits = new HashMap<>();
      Map<Long, Map<Long, Map<String, Object>>> het = new HashMap<>();
      for (Map<String, Object> j : jobs) {
        long hetId = number(j.get("het_job_id"));
        if (hetId != 0) het.computeIfAbsent(hetId, k -> new HashMap<>()).put(number(j.get("het_job_offset")), j);
        reasons.add(String.valueOf(j.get("state_reason")));
        long array = number(j.get("array_job_id"));
        boolean task = Boolean.TRUE.equals(obj(j.get("array_task_id")).get("set"));
        if (task) taskStates.add(String.valueOf(list(j.get("job_state")).get(0)));
        if (array != 0 && !task) limits.put(array, number(j.get("array_max_tasks")));
        if (!running(j)) continue;
        if (task) runningTasks.merge(array, 1, Integer::sum);
        Map<String, Object> resources = obj(j.get("job_resources"));
        List<Object> allocation = list(obj(resources.get("nodes")).get("allocation"));
        assertThat(allocation).hasSize((int) number(j.get("node_count")));
        if (allocation.size() > 1) multiNodeSeen++;
        long cpus = 0;
        for (Object a : allocation) {
          long c = number(obj(obj(a).get("cpus")).get("count"));
          cpus += c;
          cpusByNode.merge(String.valueOf(obj(a).get("name")), c, Long::sum);
        }
        assertThat(cpus).isEqualTo(number(j.get("cpus")));
      }
      // a heterogeneous job: leader (offset 0, its id is the het id, in cpu) and GPU component (offset 1, in gpu),
      // started together
      for (Map.Entry<Long, Map<Long, Map<String, Object>>> e : het.entrySet()) {
        Map<String, Object> leader = e.getValue().get(0L);
        Map<String, Object> gpu = e.getValue().get(1L);
        if (leader == null || gpu == null) continue; // one of them ended and was purged
        assertThat(number(leader.get("job_id"))).isEqualTo(e.getKey());
        assertThat(number(gpu.get("job_id"))).isEqualTo(e.getKey() + 1);
        assertThat(leader.get("het_job_id_set")).isEqualTo(e.getKey() + "-" + (e.getKey() + 1));
        assertThat(List.of(leader.get("partition"), gpu.get("partition"))).containsExactly("cpu", "gpu");
        assertThat(list(leader.get("job_state")).contains("PENDING"))
            .isEqualTo(list(gpu.get("job_state")).contains("PENDING"));
        if (running(leader) && running(gpu)) hetRunningSeen++;
      }
      for (Map<String, Object> n : items(sim, "nodes")) {
        assertThat(number(n.get("alloc_cpus"))).as("%s at minute %d", n.get("name"), minute)
            .isEqualTo(cpusByNode.getOrDefault(String.valueOf(n.get("name")), 0L));
      }
      limits.forEach((array, limit) -> {
        if (limit > 0) assertThat(runningTasks.getOrDefault(array, 0)).as("array %d", array).isLessThanOrEqualTo(
            limit.intValue());
      });
    }
    assertThat(multiNodeSeen).isPositive();
    assertThat(hetRunningSeen).isPositive();
    assertThat(taskStates).contains("RUNNING", "COMPLETED");
    assertThat(reasons).contains("JobArrayTaskLimit", "Resources", "Priority");
  }

  @Test
  void partitionCountsBeyondTheNamedOnesAreRefused() {
    assertThatThrownBy(() -> ClusterSimulator.builder().partitions(2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2");
    assertThatThrownBy(() -> ClusterSimulator.builder().partitions(11)).hasMessageContaining("11");
    assertThatThrownBy(() -> ClusterSimulator.builder().arrayJobs(1.5, 10)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> ClusterSimulator.builder().multiNodeJobs(0.1, 1)).hasMessageContaining("maxNodes");
  }

  @Test
  void eightPartitionsOverlapAndHaveTheirNamesInOrder() throws IOException {
    ClusterSimulator sim = ClusterSimulator.builder().clock(new SteppedClock()).cpuNodes(100).gpuNodes(10)
        .partitions(8).build();
    assertThat(items(sim, "partitions")).extracting(p -> p.get("name"))
        .containsExactly("cpu", "gpu", "debug", "long", "preempt", "short", "gpu_long", "interactive");
    Map<String, Object> first = items(sim, "nodes").get(0);
    assertThat(list(first.get("partitions"))).containsExactly("cpu", "debug", "preempt", "short", "interactive");
  }
}
