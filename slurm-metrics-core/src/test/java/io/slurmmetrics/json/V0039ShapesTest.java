package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * REST v0.0.39 (Slurm 23.02-24.05) cannot run in the lab. These responses are HAND-MADE, small, from the published
 * v0.0.39 schema (SchedMD's data_parser v0.0.39 as reflected in the generated v0.0.39 client models: node
 * {@code state} an array, {@code features} a list, {@code free_mem}/{@code cpu_load} as {@code uint*_no_val}
 * objects; job {@code job_state} still a string while counts/limits/ids are {@code uint*_no_val} objects and times
 * plain integers; {@code exit_code} a {@code uint32_no_val} wait status; slurmdb step ids as {@code {job_id,
 * step_id}} objects and exit codes as {@code {status, return_code, signal:{signal_id}}}; {@code meta.slurm} lower
 * case; pings with {@code pinged}).
 */
class V0039ShapesTest {
  private static final String META = "\"meta\": {\"plugin\": {\"type\": \"openapi/v0.0.39\", \"name\": \"Slurm OpenAPI "
      + "v0.0.39\", \"data_parser\": \"v0.0.39\"}, \"slurm\": {\"version\": {\"major\": 23, \"micro\": 7, \"minor\": 2},"
      + " \"release\": \"23.02.7\", \"cluster\": \"c39\"}}, \"errors\": [], \"warnings\": []";

  private static Buffer json(String s) {
    return new Buffer().writeUtf8(s);
  }

  @Test
  void nodesWithArrayStateAndNoValObjects() throws Exception {
    String body = "{" + META + ", \"nodes\": [{\"name\": \"n01\", \"state\": [\"MIXED\", \"DRAIN\"], \"cpus\": 16,"
        + " \"alloc_cpus\": 4, \"alloc_idle_cpus\": 12, \"cpu_load\": {\"set\": true, \"infinite\": false, \"number\": 250},"
        + " \"real_memory\": 64000, \"alloc_memory\": 8000, \"free_mem\": {\"set\": true, \"infinite\": false,"
        + " \"number\": 50000}, \"gres\": \"gpu:v100:4(S:0-1)\", \"gres_used\": \"gpu:v100:1(IDX:2)\","
        + " \"features\": [\"v100\", \"ib\"], \"active_features\": [\"v100\"], \"partitions\": [\"gpu\"],"
        + " \"reason\": \"maint\", \"resume_after\": {\"set\": false, \"infinite\": false, \"number\": 0}}]}";
    SlurmResponse<List<Node>> r = SlurmJson.nodes(json(body), "v0.0.39");
    Node n = r.data().get(0);
    assertThat(n.state()).isEqualTo(State.of("MIXED", "DRAIN"));
    assertThat(n.cpuLoad()).hasValue(2.5);
    assertThat(n.memoryFreeBytes()).hasValue(50000L * 1024 * 1024);
    assertThat(n.gresTotal()).isEqualTo(Map.of("gpu:v100", 4L));
    assertThat(n.gpusAllocated()).isEqualTo(1);
    assertThat(n.features()).containsExactly("v100", "ib");
    assertThat(r.meta().slurmRelease()).isEqualTo("23.02.7");
    assertThat(r.meta().clusterName()).isEqualTo("c39");
  }

  @Test
  void jobsWithStringStateAndNoValCounts() throws Exception {
    String body = "{" + META + ", \"jobs\": [{\"job_id\": 77, \"job_state\": \"RUNNING\", \"state_reason\": \"None\","
        + " \"user_name\": \"ann\", \"account\": \"phys\", \"partition\": \"gpu\", \"qos\": \"normal\","
        + " \"array_job_id\": {\"set\": true, \"infinite\": false, \"number\": 70},"
        + " \"array_task_id\": {\"set\": true, \"infinite\": false, \"number\": 7},"
        + " \"het_job_id\": {\"set\": true, \"infinite\": false, \"number\": 0},"
        + " \"het_job_offset\": {\"set\": false, \"infinite\": false, \"number\": 0},"
        + " \"cpus\": {\"set\": true, \"infinite\": false, \"number\": 8},"
        + " \"node_count\": {\"set\": true, \"infinite\": false, \"number\": 1}, \"nodes\": \"n01\","
        + " \"memory_per_cpu\": {\"set\": true, \"infinite\": false, \"number\": 1000},"
        + " \"memory_per_node\": {\"set\": false, \"infinite\": false, \"number\": 0},"
        + " \"time_limit\": {\"set\": false, \"infinite\": true, \"number\": 0},"
        + " \"submit_time\": 1700000000, \"start_time\": 1700000060, \"end_time\": 1700086460,"
        + " \"exit_code\": {\"set\": true, \"infinite\": false, \"number\": 0},"
        + " \"tres_req_str\": \"cpu=8,mem=8000M,node=1,billing=8,gres/gpu=1\","
        + " \"tres_alloc_str\": \"cpu=8,mem=8000M,node=1,billing=8,gres/gpu=1\","
        + " \"job_resources\": {\"nodes\": \"n01\", \"allocated_cores\": 8, \"allocated_hosts\": 1}}]}";
    Job j = SlurmJson.jobs(json(body), "v0.0.39").data().get(0);
    assertThat(j.state()).isEqualTo(State.of("RUNNING"));
    assertThat(j.arrayJobId()).isEqualTo(70);
    assertThat(j.arrayTaskId()).hasValue(7);
    assertThat(j.hetJobOffset()).isEmpty();
    assertThat(j.cpus()).isEqualTo(8);
    assertThat(j.memoryBytes()).isEqualTo(8000L * 1024 * 1024);
    assertThat(j.gpus()).isEqualTo(1);
    assertThat(j.timeLimit()).isEmpty();
    assertThat(j.startTime()).contains(Instant.ofEpochSecond(1700000060));
  }

  @Test
  void memoryPerCpuWithoutTresIsMultipliedOut() throws Exception {
    String body = "{" + META + ", \"jobs\": [{\"job_id\": 78, \"job_state\": \"PENDING\","
        + " \"cpus\": {\"set\": true, \"infinite\": false, \"number\": 4},"
        + " \"memory_per_cpu\": {\"set\": true, \"infinite\": false, \"number\": 500}}]}";
    Job j = SlurmJson.jobs(json(body), "v0.0.39").data().get(0);
    assertThat(j.memoryBytes()).isEqualTo(4 * 500L * 1024 * 1024);
  }

  @Test
  void partitionsNestedNodesAndCpus() throws Exception {
    String body = "{" + META + ", \"partitions\": [{\"name\": \"gpu\", \"nodes\": {\"allowed_allocation\": \"\","
        + " \"configured\": \"n[01-03]\", \"total\": 3}, \"cpus\": {\"task_binding\": 0, \"total\": 48},"
        + " \"partition\": {\"state\": [\"UP\"]}, \"suspend_time\": {\"set\": false, \"infinite\": false,"
        + " \"number\": 0}}]}";
    Partition p = SlurmJson.partitions(json(body), "v0.0.39").data().get(0);
    assertThat(p.nodes()).containsExactly("n01", "n02", "n03");
    assertThat(p.totalCpus()).isEqualTo(48);
    assertThat(p.totalNodes()).isEqualTo(3);
    assertThat(p.state()).isEqualTo("UP");
  }

  @Test
  void accountingJobWithStepIdObjectsAndSignalExitCode() throws Exception {
    String body = "{" + META + ", \"jobs\": [{\"job_id\": 90, \"name\": \"sim\", \"user\": \"ann\","
        + " \"account\": \"phys\", \"partition\": \"cpu\", \"qos\": \"normal\","
        + " \"state\": {\"current\": \"CANCELLED\", \"reason\": \"None\"},"
        + " \"exit_code\": {\"status\": \"SIGNALED\", \"return_code\": 0, \"signal\": {\"signal_id\": 15,"
        + " \"name\": \"TERM\"}},"
        + " \"array\": {\"job_id\": 0, \"task_id\": {\"set\": false, \"infinite\": false, \"number\": 0}},"
        + " \"het\": {\"job_id\": 0, \"job_offset\": {\"set\": false, \"infinite\": false, \"number\": 0}},"
        + " \"time\": {\"elapsed\": 120, \"eligible\": 1700000000, \"end\": 1700000130, \"start\": 1700000010,"
        + " \"submission\": 1700000000, \"suspended\": 0, \"limit\": {\"set\": true, \"infinite\": false, \"number\": 60},"
        + " \"total\": {\"seconds\": 200, \"microseconds\": 500000}},"
        + " \"tres\": {\"allocated\": [{\"type\": \"cpu\", \"name\": \"\", \"id\": 1, \"count\": 2},"
        + " {\"type\": \"mem\", \"name\": \"\", \"id\": 2, \"count\": 1024}], \"requested\": []},"
        + " \"steps\": [{\"step\": {\"id\": {\"job_id\": 90, \"step_het_component\": 4294967294,"
        + " \"step_id\": \"batch\"}, \"name\": \"batch\"}, \"time\": {\"total\": {\"seconds\": 200,"
        + " \"microseconds\": 500000}}, \"tres\": {\"requested\": {\"max\": [{\"type\": \"mem\", \"name\": \"\","
        + " \"id\": 2, \"count\": 734003200}]}}}]}]}";
    AccountingJob j = SlurmJson.accountingJobs(json(body), "v0.0.39").data().get(0);
    assertThat(j.exitCode()).isEqualTo(-15);
    assertThat(j.state().base()).isEqualTo("CANCELLED");
    assertThat(j.elapsed()).isEqualTo(Duration.ofSeconds(120));
    assertThat(j.totalCpuTime()).isEqualTo(Duration.ofMillis(200_500));
    assertThat(j.maxRssBytes()).hasValue(734003200L);
    assertThat(j.tresAllocated().memoryBytes()).isEqualTo(1024L * 1024 * 1024);
    assertThat(j.arrayTaskId()).isEmpty();
  }

  @Test
  void pingWithPinged() throws Exception {
    String body = "{" + META + ", \"pings\": [{\"hostname\": \"ctl\", \"pinged\": \"UP\", \"latency\": 400,"
        + " \"mode\": \"primary\"}]}";
    var info = SlurmJson.ping(json(body), "v0.0.39").data();
    assertThat(info.controllerResponding()).isTrue();
    assertThat(info.clusterName()).isEqualTo("c39");
    assertThat(info.slurmVersion()).isEqualTo("23.02.7");
  }
}
