package io.slurmmetrics.metrics;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Switchable groups of metric families. {@link #label()} is the name used in {@code --collector.<label>} flags and
 * config files; {@link #enabledByDefault()} says whether a group is on without configuration. Health and self metrics
 * ({@code slurm_up}, {@code slurm_exporter_*}) belong to no group and are always on.
 */
public enum CollectorGroup {
  /** Per-partition CPU, memory, node and GPU figures. */
  PARTITION(true),
  /** Cluster-wide CPU, memory and GPU totals. */
  CLUSTER(true),
  /** Node counts by state ({@code slurm_nodes_total}). */
  NODES(true),
  /**
   * Per-node figures (one series per node and family). On by default only up to a cluster size (default
   * {@value #NODE_SERIES_MAX_NODES_DEFAULT} nodes): above it they are left out unless the group was enabled
   * explicitly, so a large cluster's default scrape stays under a typical {@code sample_limit}.
   */
  NODE(true),
  /** The current queue by partition, state and pending reason. */
  JOBS(true),
  /** Queue figures per user. */
  USER(true),
  /** Queue figures per account. */
  ACCOUNT(true),
  /** Advance reservations. */
  RESERVATION(true),
  /** License pools. */
  LICENSE(true),
  /** sdiag scheduler statistics. */
  SCHEDULER(true),
  /** sdiag RPC statistics by message type. */
  RPC(true),
  /** sdiag RPC statistics by user. */
  RPC_USER(false),
  /** Fair share per account. */
  FAIRSHARE(true),
  /** Fair share per user. */
  FAIRSHARE_USER(false),
  /** Finished-job counters and histograms from slurmdbd (rendered by the accounting package). */
  ACCOUNTING(true),
  /** Accounting families with a {@code user} label. */
  ACCOUNTING_USER(true),
  /** One series per running job and step: high cardinality, off by default, capped. */
  JOB(false);

  /**
   * Default cluster size up to which {@link #NODE} is on without being enabled explicitly: 5,000 nodes x 8 per-node
   * families plus the other default families stay under 50,000 samples per scrape.
   */
  public static final int NODE_SERIES_MAX_NODES_DEFAULT = 5_000;

  private final boolean enabledByDefault;
  private final String label;

  CollectorGroup(boolean enabledByDefault) {
    this.enabledByDefault = enabledByDefault;
    this.label = name().toLowerCase(Locale.ROOT);
  }

  /** The flag name: {@code partition}, {@code rpc_user}, {@code fairshare_user}, ... */
  public String label() {
    return label;
  }

  /** Whether the group is on unless configured otherwise. */
  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  /** The group a flag or config key names, matched case-insensitively; {@code -} is accepted for {@code _}. */
  public static Optional<CollectorGroup> fromLabel(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (CollectorGroup g : values()) {
      if (g.label.equals(wanted)) return Optional.of(g);
    }
    return Optional.empty();
  }

  /** The groups that are on without configuration. */
  public static Set<CollectorGroup> defaults() {
    EnumSet<CollectorGroup> set = EnumSet.noneOf(CollectorGroup.class);
    for (CollectorGroup g : values()) {
      if (g.enabledByDefault) set.add(g);
    }
    return set;
  }
}
