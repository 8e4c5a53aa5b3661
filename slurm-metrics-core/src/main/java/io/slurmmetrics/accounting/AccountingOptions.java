package io.slurmmetrics.accounting;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How the accounting poller reads finished jobs from slurmdbd. Immutable; build with {@link #builder()}.
 *
 * <p>Every poll asks for the jobs that ended in {@code [cursor - overlap, now]}, in pieces of at most
 * {@link #maxQueryWindow()}, then moves the cursor to {@code now}. A record that reaches slurmdbd up to
 * {@link #overlap()} after its job ended is still counted; later ones are not. See {@code docs/accounting.md}.
 */
public final class AccountingOptions {
  private final Duration pollInterval;
  private final Duration overlap;
  private final Duration maxQueryWindow;
  private final Optional<Path> stateFile;
  private final Optional<Instant> countFrom;
  private final boolean userLabel;
  private final boolean accountLabel;
  private final Clock clock;

  private AccountingOptions(Builder b) {
    this.pollInterval = b.pollInterval;
    this.overlap = b.overlap;
    this.maxQueryWindow = b.maxQueryWindow;
    this.stateFile = b.stateFile;
    this.countFrom = b.countFrom;
    this.userLabel = b.userLabel;
    this.accountLabel = b.accountLabel;
    this.clock = b.clock;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: poll every minute, 10 minutes overlap, 1 hour per query, no state file, both labels on. */
  public static AccountingOptions defaults() {
    return builder().build();
  }

  /** A builder starting from these options, to change one setting. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Time between two polls of slurmdbd. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** How far behind the cursor each poll re-reads: the lateness a job record may have and still be counted. */
  public Duration overlap() {
    return overlap;
  }

  /** The longest end-time window asked for in one request; a longer catch-up is split into such pieces. */
  public Duration maxQueryWindow() {
    return maxQueryWindow;
  }

  /** Where the cursor and the recently counted jobs survive a restart; empty keeps them in memory only. */
  public Optional<Path> stateFile() {
    return stateFile;
  }

  /**
   * The instant from which finished jobs are counted when there is no state to resume from; empty means the moment
   * the poller starts (standard counter semantics).
   */
  public Optional<Instant> countFrom() {
    return countFrom;
  }

  /** Whether the accounting families carry a {@code user} label; when off, users are summed together. */
  public boolean userLabel() {
    return userLabel;
  }

  /** Whether the accounting families carry an {@code account} label; when off, accounts are summed together. */
  public boolean accountLabel() {
    return accountLabel;
  }

  /** The clock that says what "now" is (tests inject their own). */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "AccountingOptions{pollInterval=" + pollInterval + ", overlap=" + overlap + ", maxQueryWindow="
        + maxQueryWindow + ", stateFile=" + stateFile.map(Path::toString).orElse("none") + ", countFrom="
        + countFrom.map(Instant::toString).orElse("start") + ", userLabel=" + userLabel + ", accountLabel="
        + accountLabel + "}";
  }

  /** Configures {@link AccountingOptions}; each setter is documented on the accessor of the same name. */
  public static final class Builder {
    private Duration pollInterval = Duration.ofMinutes(1);
    private Duration overlap = Duration.ofMinutes(10);
    private Duration maxQueryWindow = Duration.ofHours(1);
    private Optional<Path> stateFile = Optional.empty();
    private Optional<Instant> countFrom = Optional.empty();
    private boolean userLabel = true;
    private boolean accountLabel = true;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    private Builder(AccountingOptions o) {
      pollInterval = o.pollInterval;
      overlap = o.overlap;
      maxQueryWindow = o.maxQueryWindow;
      stateFile = o.stateFile;
      countFrom = o.countFrom;
      userLabel = o.userLabel;
      accountLabel = o.accountLabel;
      clock = o.clock;
    }

    /** Sets {@link AccountingOptions#pollInterval()}; default 1 minute, must be positive. */
    public Builder pollInterval(Duration v) {
      pollInterval = positive(v, "pollInterval");
      return this;
    }

    /** Sets {@link AccountingOptions#overlap()}; default 10 minutes, must not be negative. */
    public Builder overlap(Duration v) {
      Objects.requireNonNull(v, "overlap");
      if (v.isNegative()) throw new IllegalArgumentException("overlap must not be negative: " + v);
      overlap = v;
      return this;
    }

    /** Sets {@link AccountingOptions#maxQueryWindow()}; default 1 hour, must be positive. */
    public Builder maxQueryWindow(Duration v) {
      maxQueryWindow = positive(v, "maxQueryWindow");
      return this;
    }

    /** Sets {@link AccountingOptions#stateFile()}; default none (in memory only). */
    public Builder stateFile(Path v) {
      stateFile = Optional.of(Objects.requireNonNull(v, "stateFile"));
      return this;
    }

    /** Sets {@link AccountingOptions#countFrom()}; default the poller's start. */
    public Builder countFrom(Instant v) {
      countFrom = Optional.of(Objects.requireNonNull(v, "countFrom"));
      return this;
    }

    /** Sets {@link AccountingOptions#userLabel()}; default true. */
    public Builder userLabel(boolean v) {
      userLabel = v;
      return this;
    }

    /** Sets {@link AccountingOptions#accountLabel()}; default true. */
    public Builder accountLabel(boolean v) {
      accountLabel = v;
      return this;
    }

    /** Sets {@link AccountingOptions#clock()}; default UTC system clock. */
    public Builder clock(Clock v) {
      clock = Objects.requireNonNull(v, "clock");
      return this;
    }

    /** The immutable options. */
    public AccountingOptions build() {
      return new AccountingOptions(this);
    }

    private static Duration positive(Duration v, String what) {
      Objects.requireNonNull(v, what);
      if (v.isZero() || v.isNegative()) throw new IllegalArgumentException(what + " must be positive: " + v);
      return v;
    }
  }
}
