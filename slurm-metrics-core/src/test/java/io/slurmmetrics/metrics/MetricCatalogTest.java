package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {

  /** The names issue 4 and issue 5 promise verbatim (the public contract). */
  static final List<String> CONTRACT = List.of(
      "slurm_partition_cpus_allocated", "slurm_partition_cpus_total", "slurm_partition_cpus_idle",
      "slurm_partition_memory_allocated_bytes", "slurm_partition_memory_total_bytes", "slurm_partition_nodes_idle",
      "slurm_partition_nodes_total", "slurm_partition_gpus_allocated", "slurm_partition_gpus_total",
      "slurm_cluster_cpus_total", "slurm_cluster_cpus_allocated", "slurm_cluster_memory_total_bytes",
      "slurm_cluster_memory_allocated_bytes", "slurm_cluster_gpus_total", "slurm_cluster_gpus_allocated",
      "slurm_nodes_total", "slurm_node_cpus_allocated", "slurm_node_cpus_total", "slurm_node_memory_allocated_bytes",
      "slurm_node_memory_total_bytes", "slurm_node_gpus_allocated", "slurm_node_gpus_total", "slurm_node_cpu_load",
      "slurm_node_state_info", "slurm_jobs_total", "slurm_jobs_pending", "slurm_jobs_cpus", "slurm_jobs_gpus",
      "slurm_user_jobs", "slurm_account_jobs", "slurm_user_cpus_running", "slurm_account_cpus_running",
      "slurm_account_gpus_running", "slurm_reservation_cpus", "slurm_reservation_nodes",
      "slurm_reservation_start_time_seconds", "slurm_reservation_end_time_seconds", "slurm_reservation_active",
      "slurm_license_total", "slurm_license_used", "slurm_license_free", "slurm_scheduler_jobs_submitted_total",
      "slurm_scheduler_jobs_started_total", "slurm_scheduler_jobs_completed_total",
      "slurm_scheduler_jobs_canceled_total", "slurm_scheduler_jobs_failed_total", "slurm_account_fairshare",
      "slurm_user_fairshare", "slurm_controller_up", "slurm_database_up", "slurm_up", "slurm_info",
      "slurm_exporter_collect_duration_seconds", "slurm_exporter_collect_errors_total",
      "slurm_exporter_last_success_timestamp_seconds", "slurm_exporter_build_info",
      // issue 5
      "slurm_jobs_completed_total", "slurm_jobs_failed_total", "slurm_jobs_cancelled_total",
      "slurm_account_cpu_hours_used_total", "slurm_job_cpu_hours_total", "slurm_job_gpu_hours_total",
      "slurm_job_waste_cpu_hours_total", "slurm_job_waste_memory_gb_hours_total", "slurm_job_wait_time_seconds",
      "slurm_job_cpu_efficiency_ratio", "slurm_job_memory_efficiency_ratio", "slurm_job_duration_seconds");

  @Test
  void everyContractNameIsInTheCatalogue() {
    for (String name : CONTRACT) assertThat(MetricCatalog.find(name)).as(name).isPresent();
  }

  @Test
  void countersEndInTotalAndUnitsAreSuffixes() {
    for (MetricDefinition d : MetricCatalog.all()) {
      if (d.type() == MetricDefinition.Type.COUNTER) assertThat(d.name()).endsWith("_total");
      if (!d.unit().isEmpty()) assertThat(d.prometheusName()).contains("_" + d.unit());
      assertThat(d.labels()).doesNotContain("cluster");
    }
  }

  @Test
  void aDefinitionWithABadNameOrMissingUnitSuffixIsRejected() {
    assertThatThrownBy(() -> new MetricDefinition("slurm_x_count", MetricDefinition.Type.COUNTER, "", List.of(),
        "h", Optional.empty(), "x")).hasMessageContaining("_total");
    assertThatThrownBy(() -> new MetricDefinition("slurm_mem", MetricDefinition.Type.GAUGE, "bytes", List.of(),
        "h", Optional.empty(), "x")).hasMessageContaining("unit");
  }

  @Test
  void accountingFamiliesLoseTheUserLabelWhenAccountingUserIsOff() {
    MetricDefinition d = MetricCatalog.get("slurm_jobs_completed_total");
    assertThat(MetricCatalog.effectiveLabels(d, CollectorGroup.defaults())).contains("user");
    var without = java.util.EnumSet.copyOf(CollectorGroup.defaults());
    without.remove(CollectorGroup.ACCOUNTING_USER);
    assertThat(MetricCatalog.effectiveLabels(d, without)).containsExactly("partition", "account");
  }

  @Test
  void groupLabelsRoundTripForFlags() {
    for (CollectorGroup g : CollectorGroup.values()) assertThat(CollectorGroup.fromLabel(g.label())).contains(g);
    assertThat(CollectorGroup.fromLabel("rpc-user")).contains(CollectorGroup.RPC_USER);
    assertThat(CollectorGroup.fromLabel("nope")).isEmpty();
    assertThat(CollectorGroup.defaults()).doesNotContain(CollectorGroup.JOB, CollectorGroup.RPC_USER,
        CollectorGroup.FAIRSHARE_USER);
  }
}
