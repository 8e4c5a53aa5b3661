package io.slurmmetrics.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.metrics.FamilySet;
import io.slurmmetrics.metrics.SeriesLimiter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a scrape shows of the accounting families, in the text format Prometheus reads. */
class AccountingRenderingTest {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final FakeAccountingDb db = new FakeAccountingDb(clock);

  private String scrape(AccountingOptions.Builder options) throws Exception {
    AccountingPoller p = new AccountingPoller(db, "lab", options.clock(clock).build());
    clock.advance(Duration.ofMinutes(1));
    p.pollOnce();
    FamilySet fs = new FamilySet(Labels.of("cluster", "lab2205"), CollectorGroup.defaults(), new SeriesLimiter(100));
    p.render(fs);
    MetricSnapshots snapshots = fs.build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, snapshots, EscapingScheme.ALLOW_UTF8);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyFamilyIsDeclaredBeforeAnyJobFinished() {
    AccountingPoller p = new AccountingPoller(db, "lab", AccountingOptions.builder().clock(clock).build());
    FamilySet fs = new FamilySet(Labels.of("cluster", "lab2205"), CollectorGroup.defaults(), new SeriesLimiter(100));
    p.render(fs);
    assertThat(fs.build().stream().map(m -> m.getMetadata().getPrometheusName()))
        .containsExactlyInAnyOrderElementsOf(AccountingPoller.definitions().stream()
            .map(d -> d.prometheusName()).toList());
  }

  @Test
  void countersAndHistogramsCarryClusterAndTheirLabels() throws Exception {
    // 2 CPUs for 600 s, waited 30 s, used half the CPU time (TestJobs)
    db.add(TestJobs.completed(1, T0.plusSeconds(20)));
    db.add(TestJobs.finished(2, "TIMEOUT", T0.plusSeconds(30), 30, 600, 2).user("bob").build());
    String text = scrape(AccountingOptions.builder());

    assertThat(text)
        .contains("slurm_jobs_completed_total{account=\"physics\",cluster=\"lab2205\",partition=\"cpu\","
            + "user=\"alice\"} 1.0")
        .contains("slurm_jobs_failed_total{account=\"physics\",cluster=\"lab2205\",partition=\"cpu\","
            + "state=\"TIMEOUT\",user=\"bob\"} 1.0")
        .contains("slurm_job_cpu_hours_total{account=\"physics\",cluster=\"lab2205\",partition=\"cpu\","
            + "user=\"alice\"} 0.3333333333333333")
        .contains("slurm_job_waste_cpu_hours_total{account=\"physics\",cluster=\"lab2205\",partition=\"cpu\"} "
            + "0.3333333333333333")
        .contains("slurm_job_wait_time_seconds_bucket{cluster=\"lab2205\",partition=\"cpu\",le=\"10.0\"} 0")
        .contains("slurm_job_wait_time_seconds_bucket{cluster=\"lab2205\",partition=\"cpu\",le=\"30.0\"} 2")
        .contains("slurm_job_wait_time_seconds_count{cluster=\"lab2205\",partition=\"cpu\"} 2")
        .contains("slurm_job_cpu_efficiency_ratio_bucket{cluster=\"lab2205\",partition=\"cpu\",le=\"0.4\"} 0")
        .contains("slurm_job_cpu_efficiency_ratio_bucket{cluster=\"lab2205\",partition=\"cpu\",le=\"0.5\"} 2");
  }

  @Test
  void thePollersHealthIsRendered() throws Exception {
    db.down(true);
    String text = scrape(AccountingOptions.builder());
    assertThat(text)
        .contains("slurm_accounting_errors_total{cluster=\"lab2205\",kind=\"slurm_error\"} 1.0")
        .contains("slurm_accounting_tracked_jobs{cluster=\"lab2205\"} 0.0")
        .contains("slurm_accounting_cursor_timestamp_seconds{cluster=\"lab2205\"} 1.79568E9");
  }

  @Test
  void switchedOffLabelsAreEmptyAndTheirSeriesSummed() throws Exception {
    db.add(TestJobs.completed(1, T0.plusSeconds(20)));
    db.add(TestJobs.finished(2, "COMPLETED", T0.plusSeconds(30), 30, 600, 2).user("bob").account("chem").build());
    String text = scrape(AccountingOptions.builder().userLabel(false).accountLabel(false));

    assertThat(text).contains("slurm_jobs_completed_total{account=\"\",cluster=\"lab2205\",partition=\"cpu\","
        + "user=\"\"} 2.0");
    assertThat(text).doesNotContain("alice").doesNotContain("bob").doesNotContain("chem");
  }
}
