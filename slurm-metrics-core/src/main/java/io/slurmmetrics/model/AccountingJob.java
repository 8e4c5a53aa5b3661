package io.slurmmetrics.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A job record from the accounting database (slurmdbd / {@code sacct}), typically a finished job.
 *
 * @param totalCpuTime user + system CPU time summed over the job's steps
 * @param maxRssBytes  the largest resident set of any task of any step, empty when not gathered
 * @param exitCode     the job's exit status (0..255), or the signal number as a negative value
 */
public record AccountingJob(
    long jobId,
    long arrayJobId,
    OptionalLong arrayTaskId,
    long hetJobId,
    OptionalLong hetJobOffset,
    String name,
    String user,
    String account,
    String partition,
    String qos,
    State state,
    int exitCode,
    Optional<Instant> submitTime,
    Optional<Instant> eligibleTime,
    Optional<Instant> startTime,
    Optional<Instant> endTime,
    Duration elapsed,
    Tres tresAllocated,
    Tres tresRequested,
    Duration totalCpuTime,
    OptionalLong maxRssBytes) {

  /** Fails fast on null fields. */
  public AccountingJob {
    Objects.requireNonNull(arrayTaskId, "arrayTaskId");
    Objects.requireNonNull(hetJobOffset, "hetJobOffset");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(submitTime, "submitTime");
    Objects.requireNonNull(eligibleTime, "eligibleTime");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(tresAllocated, "tresAllocated");
    Objects.requireNonNull(tresRequested, "tresRequested");
    Objects.requireNonNull(totalCpuTime, "totalCpuTime");
    Objects.requireNonNull(maxRssBytes, "maxRssBytes");
  }

  /** A builder; fields not set keep their defaults (empty, zero, UNKNOWN). */
  public static Builder builder(long jobId) {
    return new Builder(jobId);
  }

  /** Builds a {@link AccountingJob}; not thread-safe. */
  public static final class Builder {
    private final long jobId;
    private long arrayJobId;
    private OptionalLong arrayTaskId = OptionalLong.empty();
    private long hetJobId;
    private OptionalLong hetJobOffset = OptionalLong.empty();
    private String name = "";
    private String user = "";
    private String account = "";
    private String partition = "";
    private String qos = "";
    private State state = State.UNKNOWN;
    private int exitCode;
    private Optional<Instant> submitTime = Optional.empty();
    private Optional<Instant> eligibleTime = Optional.empty();
    private Optional<Instant> startTime = Optional.empty();
    private Optional<Instant> endTime = Optional.empty();
    private Duration elapsed = Duration.ZERO;
    private Tres tresAllocated = Tres.EMPTY;
    private Tres tresRequested = Tres.EMPTY;
    private Duration totalCpuTime = Duration.ZERO;
    private OptionalLong maxRssBytes = OptionalLong.empty();

    private Builder(long jobId) {
      this.jobId = jobId;
    }

    /** Sets {@link AccountingJob#arrayJobId()}. */
    public Builder arrayJobId(long v) { arrayJobId = v; return this; }
    /** Sets {@link AccountingJob#arrayTaskId()}. */
    public Builder arrayTaskId(OptionalLong v) { arrayTaskId = v; return this; }
    /** Sets {@link AccountingJob#hetJobId()}. */
    public Builder hetJobId(long v) { hetJobId = v; return this; }
    /** Sets {@link AccountingJob#hetJobOffset()}. */
    public Builder hetJobOffset(OptionalLong v) { hetJobOffset = v; return this; }
    /** Sets {@link AccountingJob#name()}. */
    public Builder name(String v) { name = v == null ? "" : v; return this; }
    /** Sets {@link AccountingJob#user()}. */
    public Builder user(String v) { user = v == null ? "" : v; return this; }
    /** Sets {@link AccountingJob#account()}. */
    public Builder account(String v) { account = v == null ? "" : v; return this; }
    /** Sets {@link AccountingJob#partition()}. */
    public Builder partition(String v) { partition = v == null ? "" : v; return this; }
    /** Sets {@link AccountingJob#qos()}. */
    public Builder qos(String v) { qos = v == null ? "" : v; return this; }
    /** Sets {@link AccountingJob#state()}. */
    public Builder state(State v) { state = v; return this; }
    /** Sets {@link AccountingJob#exitCode()}. */
    public Builder exitCode(int v) { exitCode = v; return this; }
    /** Sets {@link AccountingJob#submitTime()}. */
    public Builder submitTime(Optional<Instant> v) { submitTime = v; return this; }
    /** Sets {@link AccountingJob#eligibleTime()}. */
    public Builder eligibleTime(Optional<Instant> v) { eligibleTime = v; return this; }
    /** Sets {@link AccountingJob#startTime()}. */
    public Builder startTime(Optional<Instant> v) { startTime = v; return this; }
    /** Sets {@link AccountingJob#endTime()}. */
    public Builder endTime(Optional<Instant> v) { endTime = v; return this; }
    /** Sets {@link AccountingJob#elapsed()}. */
    public Builder elapsed(Duration v) { elapsed = v; return this; }
    /** Sets {@link AccountingJob#tresAllocated()}. */
    public Builder tresAllocated(Tres v) { tresAllocated = v; return this; }
    /** Sets {@link AccountingJob#tresRequested()}. */
    public Builder tresRequested(Tres v) { tresRequested = v; return this; }
    /** Sets {@link AccountingJob#totalCpuTime()}. */
    public Builder totalCpuTime(Duration v) { totalCpuTime = v; return this; }
    /** Sets {@link AccountingJob#maxRssBytes()}. */
    public Builder maxRssBytes(OptionalLong v) { maxRssBytes = v; return this; }

    /** The immutable value. */
    public AccountingJob build() {
      return new AccountingJob(jobId, arrayJobId, arrayTaskId, hetJobId, hetJobOffset, name, user, account,
          partition, qos, state, exitCode, submitTime, eligibleTime, startTime, endTime, elapsed, tresAllocated,
          tresRequested, totalCpuTime, maxRssBytes);
    }
  }
}
