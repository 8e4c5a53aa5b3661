package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.testkit.sim.ClusterSimulator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import okio.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The testkit's simulator feeds the benchmarks: its answers must decode with our own readers, and what they decode to
 * must be the scenario that was configured (partitions, arrays, multi-node jobs, the running/pending mix). A smaller
 * cluster than the bench's, same knobs.
 */
class SimulatorAnswersDecodeTest {
  private static final int CPU_NODES = 360;
  private static final int GPU_NODES = 40;
  private static final int QUEUE = 2_000;

  private static ClusterSimulator simulator(String apiVersion) {
    return ClusterSimulator.builder()
        .apiVersion(apiVersion)
        .seed(9)
        .clock(Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC))
        .cpuNodes(CPU_NODES)
        .gpuNodes(GPU_NODES)
        .queueTarget(QUEUE)
        .partitions(8)
        .arrayJobs(0.015, 100)
        .multiNodeJobs(0.04, 64)
        .heterogeneousJobs(0.01)
        .finishedHistory(0, Duration.ofHours(1))
        .build();
  }

  private static Buffer answer(ClusterSimulator sim, String apiVersion, String endpoint) throws IOException {
    Buffer b = new Buffer();
    assertThat(sim.write("/slurm/" + apiVersion + "/" + endpoint, Map.of(), b)).isTrue();
    return b;
  }

  @ParameterizedTest
  @ValueSource(strings = {"v0.0.42", "v0.0.44"})
  void simulatedAnswersDecodeToTheConfiguredScenario(String v) throws Exception {
    ClusterSimulator sim = simulator(v);
    List<Node> nodes = SlurmJson.nodes(answer(sim, v, "nodes"), v).data();
    List<Partition> partitions = SlurmJson.partitions(answer(sim, v, "partitions"), v).data();
    SlurmResponse<List<Job>> jobsAnswer = SlurmJson.jobs(answer(sim, v, "jobs"), v);
    List<Job> jobs = jobsAnswer.data();
    SchedulerStats diag = SlurmJson.diag(answer(sim, v, "diag"), v).data();
    assertThat(jobsAnswer.errors()).isEmpty();

    // 8 partitions whose node lists overlap, each adding up from its own nodes
    assertThat(nodes).hasSize(CPU_NODES + GPU_NODES);
    assertThat(partitions).hasSize(8);
    assertThat(nodes).anySatisfy(n -> assertThat(n.partitions().size()).isGreaterThanOrEqualTo(3));
    for (Partition p : partitions) {
      List<Node> members = nodes.stream().filter(n -> n.partitions().contains(p.name())).toList();
      assertThat(p.nodes()).as(p.name()).hasSize(members.size()).hasSize(p.totalNodes());
      assertThat(new TreeSet<>(p.nodes())).isEqualTo(new TreeSet<>(members.stream().map(Node::name).toList()));
      assertThat(p.totalCpus()).as(p.name()).isEqualTo(members.stream().mapToInt(Node::cpusTotal).sum());
    }

    // the queue: its target size, running and pending as sdiag counts them, most CPUs allocated
    assertThat(jobs).hasSizeBetween(QUEUE, QUEUE + QUEUE / 20);
    long running = jobs.stream().filter(j -> j.state().is("RUNNING")).count();
    long pending = jobs.stream().filter(j -> j.state().is("PENDING")).count();
    assertThat(running + pending).isEqualTo(jobs.size());
    assertThat(running).isEqualTo(diag.jobsRunning());
    assertThat(pending).isEqualTo(diag.jobsPending());
    long cpus = nodes.stream().mapToLong(Node::cpusTotal).sum();
    long allocated = nodes.stream().mapToLong(Node::cpusAllocated).sum();
    assertThat(allocated).isGreaterThan(cpus * 9 / 10);
    assertThat(jobs.stream().filter(j -> j.state().is("RUNNING")).mapToLong(Job::cpus).sum()).isEqualTo(allocated);
    assertThat(jobs.stream().filter(j -> j.state().is("PENDING")).map(Job::reason).distinct())
        .contains("Priority", "Resources", "Dependency", "JobHeldUser");

    // multi-node jobs: the compressed node list expands to node_count nodes, several ranges for some
    List<Job> multi = jobs.stream().filter(j -> j.state().is("RUNNING") && j.nodeCount() > 1).toList();
    assertThat(multi).isNotEmpty();
    for (Job j : multi) assertThat(Hostlist.expand(j.nodes())).as(j.nodes()).hasSize(j.nodeCount());
    assertThat(multi).anySatisfy(j -> assertThat(j.nodes().split(",").length).isGreaterThanOrEqualTo(4));

    // arrays: the pending remainder and the running tasks cover 1..N once each (nothing has finished yet)
    Map<Long, Set<Long>> tasks = new HashMap<>();
    Set<Long> remainders = new HashSet<>();
    for (Job j : jobs) {
      if (j.arrayJobId() == 0) continue;
      Set<Long> ids = tasks.computeIfAbsent(j.arrayJobId(), k -> new TreeSet<>());
      if (j.arrayTaskId().isPresent()) {
        assertThat(ids.add(j.arrayTaskId().getAsLong())).isTrue();
      } else {
        assertThat(j.state().is("PENDING")).isTrue();
        assertThat(j.jobId()).isEqualTo(j.arrayJobId());
        remainders.add(j.arrayJobId());
        for (long t : Hostlist.expand("t[" + j.arrayTasks().replaceAll("%.*", "") + "]").stream()
            .map(s -> Long.parseLong(s.substring(1))).toList()) {
          assertThat(ids.add(t)).isTrue();
        }
      }
    }
    assertThat(remainders).isNotEmpty();
    assertThat(jobs.stream().filter(j -> j.arrayTaskId().isPresent() && j.state().is("RUNNING")).count())
        .isGreaterThan(10);
    tasks.forEach((array, ids) -> assertThat(ids).as("tasks of array %d", array)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, ids.size()).boxed().toList()));

    // heterogeneous jobs: two records, offsets 0 (the leader, its id the het id) and 1, in cpu and gpu
    Map<Long, List<Job>> het = jobs.stream().filter(j -> j.hetJobId() != 0)
        .collect(java.util.stream.Collectors.groupingBy(Job::hetJobId));
    assertThat(het).isNotEmpty();
    het.forEach((id, components) -> {
      assertThat(components).extracting(j -> j.hetJobOffset().orElse(-1)).containsExactlyInAnyOrder(0L, 1L);
      assertThat(components).extracting(Job::partition).containsExactlyInAnyOrder("cpu", "gpu");
      assertThat(components).anySatisfy(j -> assertThat(j.jobId()).isEqualTo(id));
    });

    // GPU jobs hold GPUs where they run
    assertThat(jobs).anySatisfy(j -> {
      assertThat(j.state().is("RUNNING")).isTrue();
      assertThat(j.gpus()).isPositive();
    });
  }
}
