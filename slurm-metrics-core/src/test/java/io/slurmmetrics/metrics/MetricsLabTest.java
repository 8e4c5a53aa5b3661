package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.exposition.Exposition;
import io.slurmmetrics.testkit.lab.SlurmLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every live lab version: a scrape through slurmrestd equals what Slurm's own commands print at the same moment
 * (their output taken before and after the scrape must agree, else the comparison is retried). Needs
 * {@code scripts/slurm-lab up} and {@code seed}.
 */
@Tag("slurm")
class MetricsLabTest {
  private static final long MIB = 1024L * 1024L;
  private static final Set<String> NOT_IDLE = Set.of("allocated", "mixed", "completing", "draining", "drained",
      "down");
  private static final int ATTEMPTS = 5;

  /** What the CLI says, all taken together. */
  private record CliView(String sinfo, String extra, String squeue, String reservations) {}

  private static String run(SlurmLab.Cluster c, String command, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(c.cli(command).toString());
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
      assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + out).isZero();
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CliView cli(SlurmLab.Cluster c) {
    return new CliView(
        run(c, "sinfo", "-h", "-N", "-o", "%N|%T|%C|%m|%G"),
        run(c, "sinfo", "-h", "-N", "-O", "NodeList:40,Partition:40,GresUsed:80,AllocMem:20"),
        run(c, "squeue", "-h", "-t", "all", "-o", "%i|%T|%P|%u|%a|%r"),
        run(c, "scontrol", "show", "reservation", "-o"));
  }

  @ParameterizedTest(name = "Slurm {0}")
  @ValueSource(strings = {"22.05", "24.11", "26.05"})
  void scrapeEqualsSinfoSqueueAndScontrolAtTheSameMoment(String labVersion) {
    SlurmLab.Cluster c = SlurmLab.require(labVersion);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      CliView before = cli(c);
      Exposition e = scrape(c);
      CliView after = cli(c);
      if (!before.equals(after)) continue; // the cluster changed during the scrape: take another moment
      compare(c, e, before);
      return;
    }
    throw new AssertionError("the lab never stood still for one scrape in " + ATTEMPTS + " attempts");
  }

  private static Exposition scrape(SlurmLab.Cluster c) {
    RestSource source = RestSource.builder().url(c.restUrl()).user(c.restUser()).tokenFile(c.tokenFile())
        .clusterName(c.clusterName()).timeout(Duration.ofSeconds(30)).build();
    try (source; SlurmMetrics m = SlurmMetrics.builder().source(source)
        .collectors(EnumSet.allOf(CollectorGroup.class)).build()) {
      return Text.parse(m.collect(Duration.ofSeconds(60)));
    }
  }

  private static void compare(SlurmLab.Cluster c, Exposition e, CliView cli) {
    assertThat(e.value("slurm_up", "source", "nodes")).isEqualTo(1);
    assertThat(e.value("slurm_up", "source", "jobs")).isEqualTo(1);
    assertThat(e.value("slurm_controller_up")).isEqualTo(1);
    assertThat(e.value("slurm_info", "version", c.slurmVersion())).isEqualTo(1);

    // node states and node figures: sinfo -N %T / %C / %m / %G
    List<SlurmText.SinfoNode> sinfo = SlurmText.sinfoNodes(cli.sinfo());
    Map<String, Double> byState = new HashMap<>();
    for (SlurmText.SinfoNode n : sinfo) byState.merge(n.state(), 1.0, Double::sum);
    assertThat(e.sumBy("slurm_nodes_total", "state")).isEqualTo(byState);
    Map<String, SlurmText.SinfoNode> nodes = new HashMap<>();
    for (SlurmText.SinfoNode n : sinfo) {
      nodes.put(n.node(), n);
      assertThat(e.value("slurm_node_cpus_allocated", "node", n.node())).as(n.node()).isEqualTo(n.alloc());
      assertThat(e.value("slurm_node_cpus_total", "node", n.node())).as(n.node()).isEqualTo(n.total());
      assertThat(e.value("slurm_node_memory_total_bytes", "node", n.node())).isEqualTo((double) n.memMiB() * MIB);
      assertThat(e.value("slurm_node_gpus_total", "node", n.node())).as(n.node()).isEqualTo(n.gpus());
    }

    // partitions (membership, GPUs in use and allocated memory from sinfo -N -O)
    Map<String, List<String>> partitions = new LinkedHashMap<>();
    Map<String, Long> gpusUsed = new HashMap<>();
    Map<String, Long> allocMem = new HashMap<>();
    for (String line : cli.extra().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4) continue;
      partitions.computeIfAbsent(f[1].replace("*", ""), k -> new ArrayList<>()).add(f[0]);
      gpusUsed.put(f[0], SlurmText.gpus(f[2]));
      allocMem.put(f[0], Long.parseLong(f[3]));
    }
    for (Map.Entry<String, List<String>> p : partitions.entrySet()) {
      long a = 0, i = 0, o = 0, t = 0, mem = 0, memAlloc = 0, gpus = 0, gpusAlloc = 0, idleNodes = 0;
      for (String name : p.getValue()) {
        SlurmText.SinfoNode n = nodes.get(name);
        a += n.alloc();
        i += n.idle();
        o += n.other();
        t += n.total();
        mem += n.memMiB();
        memAlloc += allocMem.get(name);
        gpus += n.gpus();
        gpusAlloc += gpusUsed.get(name);
        if (!NOT_IDLE.contains(n.state())) idleNodes++;
      }
      String part = p.getKey();
      assertThat(e.value("slurm_partition_cpus_allocated", "partition", part)).as(part).isEqualTo(a);
      assertThat(e.value("slurm_partition_cpus_idle", "partition", part)).as(part).isEqualTo(i);
      assertThat(e.value("slurm_partition_cpus_other", "partition", part)).as(part).isEqualTo(o);
      assertThat(e.value("slurm_partition_cpus_total", "partition", part)).as(part).isEqualTo(t);
      assertThat(e.value("slurm_partition_memory_total_bytes", "partition", part)).isEqualTo((double) mem * MIB);
      assertThat(e.value("slurm_partition_memory_allocated_bytes", "partition", part)).as(part)
          .isEqualTo((double) memAlloc * MIB);
      assertThat(e.value("slurm_partition_nodes_total", "partition", part)).isEqualTo(p.getValue().size());
      assertThat(e.value("slurm_partition_nodes_idle", "partition", part)).as(part).isEqualTo(idleNodes);
      assertThat(e.value("slurm_partition_gpus_total", "partition", part)).as(part).isEqualTo(gpus);
      assertThat(e.value("slurm_partition_gpus_allocated", "partition", part)).as(part).isEqualTo(gpusAlloc);
    }

    // the queue: squeue -t all
    Map<List<String>, Double> byPartState = new LinkedHashMap<>();
    Map<List<String>, Double> pending = new LinkedHashMap<>();
    for (SlurmText.SqueueJob j : SlurmText.squeue(cli.squeue())) {
      byPartState.merge(List.of(j.partition(), j.state()), 1.0, Double::sum);
      if (j.state().equals("pending")) pending.merge(List.of(j.partition(), j.reason()), 1.0, Double::sum);
    }
    assertThat(series(e, "slurm_jobs_total", "partition", "state")).isEqualTo(byPartState);
    assertThat(series(e, "slurm_jobs_pending", "partition", "reason")).isEqualTo(pending);

    // reservations: scontrol show reservation -o
    Pattern field = Pattern.compile("(\\w+)=(\\S*)");
    int count = 0;
    for (String line : cli.reservations().split("\n")) {
      if (!line.startsWith("ReservationName=")) continue;
      Map<String, String> r = new HashMap<>();
      Matcher m = field.matcher(line);
      while (m.find()) r.putIfAbsent(m.group(1), m.group(2));
      String name = r.get("ReservationName");
      count++;
      assertThat(e.value("slurm_reservation_nodes", "reservation", name)).isEqualTo(Long.parseLong(r.get("NodeCnt")));
      assertThat(e.value("slurm_reservation_cpus", "reservation", name)).isEqualTo(Long.parseLong(r.get("CoreCnt")));
      assertThat(e.value("slurm_reservation_active", "reservation", name))
          .isEqualTo(r.get("State").equals("ACTIVE") ? 1 : 0);
      assertThat(e.value("slurm_reservation_start_time_seconds", "reservation", name))
          .isEqualTo(LocalDateTime.parse(r.get("StartTime")).atZone(ZoneId.systemDefault()).toEpochSecond());
    }
    assertThat(e.samples("slurm_reservation_nodes")).hasSize(count);

    // every family of the contract the data allows: what this Slurm cannot serve is reported as unsupported
    List<String> missing = new ArrayList<>();
    for (MetricDefinition d : MetricCatalog.all()) {
      if (d.source().equals("accounting_jobs")) continue; // rendered by the accounting package
      if (d.name().equals("slurm_exporter_series_dropped_total")) continue; // only when a cap was hit
      if (d.name().equals("slurm_exporter_collect_errors_total")) continue; // only after a failure
      String endpoint = d.source().split(",")[0].trim();
      if (e.has("slurm_exporter_collect_errors_total", "source", endpoint, "kind", "unsupported")) continue;
      String sample = d.type() == MetricDefinition.Type.HISTOGRAM ? d.name() + "_count" : d.name();
      if (!e.has(sample)) missing.add(d.name());
    }
    assertThat(missing).as("families without a sample on Slurm " + c.slurmVersion()).isEmpty();
  }

  private static Map<List<String>, Double> series(Exposition e, String name, String l1, String l2) {
    Map<List<String>, Double> out = new LinkedHashMap<>();
    for (Exposition.Sample s : e.samples(name)) out.merge(List.of(s.label(l1), s.label(l2)), s.value(), Double::sum);
    return out;
  }
}
