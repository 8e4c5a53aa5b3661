package io.slurmmetrics.accounting;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.metrics.FamilyContext;
import io.slurmmetrics.metrics.FamilyProvider;
import io.slurmmetrics.metrics.FamilySet;
import io.slurmmetrics.metrics.MetricDefinition;
import io.slurmmetrics.metrics.SeriesLimiter;
import io.slurmmetrics.source.SlurmSource;
import java.util.List;
import java.util.Objects;

/**
 * Plugs the {@link AccountingPoller} into {@code SlurmMetrics}: the facade calls {@link #start} once, which starts
 * the poller on its own daemon thread; every scrape calls {@link #collect}, which only renders what was counted.
 *
 * <p>The {@code user} label follows {@link AccountingOptions#userLabel()} and the {@link CollectorGroup#ACCOUNTING_USER}
 * switch (both must be on); the {@code account} label follows {@link AccountingOptions#accountLabel()}. With the
 * {@link CollectorGroup#ACCOUNTING} group off, nothing is polled. The {@code cluster} label comes from the scrape's
 * context, like every other family's.
 */
public final class AccountingProvider implements FamilyProvider {
  private final AccountingOptions options;
  private final List<MetricDefinition> definitions;
  private volatile AccountingPoller poller;
  private volatile SeriesLimiter limiter;

  /** Polls with {@code options} once started; {@code SlurmMetrics.Builder.accounting(options)} makes one for you. */
  public AccountingProvider(AccountingOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.definitions = AccountingPoller.definitions();
  }

  @Override
  public List<MetricDefinition> definitions() {
    return definitions;
  }

  @Override
  public synchronized void start(SlurmSource source, FamilyContext context) {
    if (poller != null || !context.isEnabled(CollectorGroup.ACCOUNTING)) return;
    AccountingOptions effective = options.newBuilder()
        .userLabel(options.userLabel() && context.isEnabled(CollectorGroup.ACCOUNTING_USER))
        .build();
    limiter = new SeriesLimiter(context.seriesLimitPerFamily());
    // The source's name, not the cluster label: the label may only be known after the first refresh, and the state
    // file must find the same name after a restart.
    poller = new AccountingPoller(source, source.name(), effective).start();
  }

  @Override
  public MetricSnapshots collect(FamilyContext context) {
    AccountingPoller p = poller;
    if (p == null) return new MetricSnapshots();
    FamilySet out = new FamilySet(context.commonLabels(), context.enabled(), limiter);
    p.render(out);
    return out.build();
  }

  /** The running poller, empty before {@link #start} (or when the accounting group is off). */
  public java.util.Optional<AccountingPoller> poller() {
    return java.util.Optional.ofNullable(poller);
  }

  @Override
  public synchronized void close() {
    if (poller != null) poller.close();
  }

  @Override
  public String toString() {
    return "AccountingProvider" + options;
  }
}
