package io.slurmmetrics.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.metrics.Text;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The accounting families through {@code SlurmMetrics} into a host's registry. */
class AccountingFacadeTest {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final FakeAccountingDb db = new FakeAccountingDb(clock);
  private final List<SlurmMetrics> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(SlurmMetrics::close);
  }

  private SlurmMetrics open(SlurmMetrics.Builder b) {
    SlurmMetrics m = b.source(db).clusterName("lab").scrapeTimeout(Duration.ZERO).build();
    opened.add(m);
    return m;
  }

  private AccountingOptions options() {
    // one background poll at start; the test drives the rest with pollOnce
    return AccountingOptions.builder().clock(clock).pollInterval(Duration.ofDays(1)).build();
  }

  @Test
  void countedJobsShowInTheHostRegistryWithTheClusterLabel() {
    AccountingProvider provider = new AccountingProvider(options());
    SlurmMetrics m = open(SlurmMetrics.builder().familyProvider(provider)).start();
    PrometheusRegistry registry = new PrometheusRegistry();
    m.register(registry);

    db.add(TestJobs.completed(1, T0.plusSeconds(10)));
    clock.advance(Duration.ofMinutes(1));
    provider.poller().orElseThrow().pollOnce();

    int queriesBefore = db.queries.size();
    Exposition e = Text.parse(registry.scrape());
    for (int i = 0; i < 5; i++) registry.scrape();
    assertThat(db.queries).as("scrapes never query slurmdbd").hasSize(queriesBefore);
    assertThat(e.value("slurm_jobs_completed_total", "cluster", "lab", "partition", "cpu", "account", "physics",
        "user", "alice")).isEqualTo(1);
    assertThat(e.value("slurm_job_wait_time_seconds_count", "cluster", "lab", "partition", "cpu")).isEqualTo(1);
    assertThat(e.value("slurm_accounting_tracked_jobs", "cluster", "lab")).isEqualTo(1);
  }

  @Test
  void theBuilderOptionRegistersTheAccountingFamilies() {
    SlurmMetrics m = open(SlurmMetrics.builder().accounting(options()));
    assertThat(m.collector().getPrometheusNames())
        .contains("slurm_jobs_completed", "slurm_job_wait_time_seconds", "slurm_job_waste_memory_gb_hours");
  }

  @Test
  void withTheAccountingGroupOffNothingIsPolled() {
    AccountingProvider provider = new AccountingProvider(options());
    open(SlurmMetrics.builder().familyProvider(provider).disable(CollectorGroup.ACCOUNTING)).start();
    assertThat(provider.poller()).isEmpty();
    assertThat(db.queries).isEmpty();
  }

  @Test
  void withTheAccountingUserGroupOffUsersAreSummed() {
    AccountingProvider provider = new AccountingProvider(options());
    SlurmMetrics m = open(SlurmMetrics.builder().familyProvider(provider).disable(CollectorGroup.ACCOUNTING_USER))
        .start();
    db.add(TestJobs.completed(1, T0.plusSeconds(10)));
    db.add(TestJobs.finished(2, "COMPLETED", T0.plusSeconds(20), 0, 60, 1).user("bob").build());
    clock.advance(Duration.ofMinutes(1));
    provider.poller().orElseThrow().pollOnce();

    Exposition e = Text.parse(m.collect(Duration.ZERO));
    assertThat(e.sum("slurm_jobs_completed_total")).isEqualTo(2);
    assertThat(e.samples("slurm_jobs_completed_total")).allSatisfy(s -> assertThat(s.label("user")).isEmpty());
  }
}
