package io.slurmmetrics.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.json.GresParser;
import io.slurmmetrics.json.StateReader;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How two readings of the same cluster must agree: model views (REST vs CLI JSON) and the model against the plain text
 * of {@code sinfo -h -N -o '%N|%T|%C|%m|%G'} and {@code squeue -h -t all -o '%i|%T|%P|%u|%a'}. Shared by the lab test
 * and the offline test on recorded fixtures.
 */
final class Agreement {
  private Agreement() {}

  // ------------------------------------------------------------------------------------------------ sinfo text

  static void assertNodesMatchSinfo(Object c, List<Node> nodes, List<String> sinfo) {
    Map<String, Node> byName = nodes.stream().collect(Collectors.toMap(Node::name, n -> n));
    assertThat(byName.keySet()).as("%s node names", c)
        .isEqualTo(sinfo.stream().map(l -> l.split("\\|")[0]).collect(Collectors.toSet()));
    for (String line : sinfo) {
      String[] f = line.split("\\|", -1);
      Node n = byName.get(f[0]);
      String[] cpus = f[2].split("/");
      assertThat(n.cpusAllocated()).as("%s %s allocated CPUs (%s)", c, f[0], line).isEqualTo(Integer.parseInt(cpus[0]));
      assertThat(n.cpusTotal()).as("%s %s total CPUs (%s)", c, f[0], line).isEqualTo(Integer.parseInt(cpus[3]));
      assertThat(n.memoryTotalBytes() / (1024 * 1024)).as("%s %s memory MB", c, f[0]).isEqualTo(Long.parseLong(f[3]));
      assertThat(n.gresTotal()).as("%s %s GRES", c, f[0]).isEqualTo(GresParser.parse(f[4]));
      assertStateMatchesSinfo(c, n, f[1]);
    }
  }

  /** sinfo's %T: base state, "drained"/"draining" for DRAIN, suffixes for some flags (- planned, * not responding). */
  static void assertStateMatchesSinfo(Object c, Node n, String text) {
    State s = n.state();
    State sinfo = StateReader.parse(text);
    String what = c + " " + n.name() + " state " + s + " vs sinfo '" + text + "'";
    switch (sinfo.base()) {
      case "DRAINED":
        assertThat(s.has("DRAIN")).as(what).isTrue();
        assertThat(s.base()).as(what).isIn("IDLE", "DOWN");
        break;
      case "DRAINING":
        assertThat(s.has("DRAIN")).as(what).isTrue();
        assertThat(s.base()).as(what).isIn("ALLOCATED", "MIXED");
        break;
      case "RESERVED":
        assertThat(s.has("RESERVED")).as(what).isTrue();
        break;
      default:
        assertThat(s.base()).as(what).isEqualTo(sinfo.base());
        assertThat(s.has("DRAIN")).as(what).isFalse();
    }
    assertThat(s.flags()).as(what).containsAll(sinfo.flags());
  }

  // ------------------------------------------------------------------------------------------------ squeue text

  static void assertJobsMatchSqueue(Object c, List<Job> jobs, List<String> squeue) {
    Map<String, String> fromText = new TreeMap<>();
    for (String line : squeue) {
      String[] f = line.split("\\|", -1);
      fromText.put(f[0], f[1] + "|" + f[2] + "|" + f[3] + "|" + f[4]);
    }
    Map<String, String> fromModel = new TreeMap<>();
    for (Job j : jobs) {
      fromModel.put(squeueId(j), j.state().base() + "|" + j.partition() + "|" + j.user() + "|" + j.account());
    }
    // Once a heterogeneous job has ended, squeue --json and REST give its components het_job_id 0 (plain ids),
    // while squeue's text keeps "10+1"; component k of leader A has job id A+k
    Map<String, String> text = new TreeMap<>();
    fromText.forEach((id, v) -> text.put(fromModel.containsKey(id) ? id : endedHetComponentId(id), v));
    fromText = text;
    assertThat(fromModel).as("%s jobs by id: state|partition|user|account", c).isEqualTo(fromText);
    assertThat(countBy(fromModel)).as("%s jobs by state and partition", c).isEqualTo(countBy(fromText));
  }

  private static String endedHetComponentId(String id) {
    int plus = id.indexOf('+');
    if (plus < 0) return id;
    return Long.toString(Long.parseLong(id.substring(0, plus)) + Long.parseLong(id.substring(plus + 1)));
  }

  /**
   * squeue's %i: {@code 42}, array tasks {@code 10_1}, the pending remainder {@code 10_[3-4%2]}, heterogeneous
   * components {@code 10+1}.
   */
  private static String squeueId(Job j) {
    if (j.hetJobId() != 0 && j.hetJobOffset().isPresent()) return j.hetJobId() + "+" + j.hetJobOffset().getAsLong();
    if (j.arrayJobId() == 0) return Long.toString(j.jobId());
    if (j.arrayTaskId().isPresent()) return j.arrayJobId() + "_" + j.arrayTaskId().getAsLong();
    return j.arrayJobId() + "_[" + j.arrayTasks() + "]";
  }

  private static Map<String, Long> countBy(Map<String, String> byId) {
    Map<String, Long> out = new TreeMap<>();
    for (String v : byId.values()) {
      String[] f = v.split("\\|");
      out.merge(f[0] + "@" + f[1], 1L, Long::sum);
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------ views

  /** What must be equal whichever way the nodes were read (load and free memory move between two reads). */
  static Map<String, List<Object>> nodeView(List<Node> nodes) {
    Map<String, List<Object>> out = new TreeMap<>();
    for (Node n : nodes) {
      out.put(n.name(), List.of(n.state().toString(), n.cpusTotal(), n.cpusAllocated(), n.memoryTotalBytes(),
          n.memoryAllocatedBytes(), new TreeMap<>(n.gresTotal()), new TreeMap<>(n.gresUsed()), n.partitions(),
          n.reason()));
    }
    return out;
  }

  /** Everything but a pending job's estimated start time, which the scheduler revises between two reads. */
  static Map<Long, List<Object>> jobView(List<Job> jobs) {
    Map<Long, List<Object>> out = new TreeMap<>();
    for (Job j : jobs) {
      List<Object> v = new ArrayList<>();
      v.add(j.state().toString());
      v.add(j.arrayJobId());
      v.add(j.arrayTaskId());
      v.add(j.arrayTasks());
      v.add(j.name());
      v.add(j.user());
      v.add(j.account());
      v.add(j.partition());
      v.add(j.qos());
      v.add(j.reason());
      v.add(j.cpus());
      v.add(j.nodeCount());
      v.add(j.nodes());
      v.add(j.memoryBytes());
      v.add(j.gpus());
      v.add(j.tresAllocated());
      v.add(j.tresRequested());
      v.add(j.submitTime());
      v.add(j.state().is("PENDING") ? "-" : j.startTime());
      v.add(j.endTime().filter(t -> !j.state().is("RUNNING") && !j.state().is("PENDING")));
      v.add(j.timeLimit());
      out.put(j.jobId(), v);
    }
    return out;
  }

}
