package io.slurmmetrics.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A job slurmctld knows (the current queue: pending, running, recently finished).
 *
 * @param arrayJobId   the array's master job id, 0 when not part of an array
 * @param arrayTaskId  the task id; empty for non-array jobs and for the pending remainder of an array
 * @param arrayTasks   the pending remainder of an array ({@code 2-6%2}), or the empty string
 * @param hetJobId     the heterogeneous job's leader id, 0 when not heterogeneous
 * @param partition    the partition, or a comma separated list for a pending multi-partition job
 * @param reason       why the job is pending or was stopped ({@code Resources}), empty for {@code None}
 * @param memoryBytes  memory allocated when running, else requested (per-CPU requests already multiplied out)
 * @param gpus         GPUs allocated when running, else requested; from TRES so {@code --gpus} jobs count
 * @param timeLimit    empty for unlimited
 */
public record Job(
    long jobId,
    long arrayJobId,
    OptionalLong arrayTaskId,
    String arrayTasks,
    long hetJobId,
    OptionalLong hetJobOffset,
    String name,
    String user,
    String account,
    String partition,
    String qos,
    State state,
    String reason,
    int cpus,
    int nodeCount,
    String nodes,
    long memoryBytes,
    long gpus,
    Tres tresAllocated,
    Tres tresRequested,
    Optional<Instant> submitTime,
    Optional<Instant> eligibleTime,
    Optional<Instant> startTime,
    Optional<Instant> endTime,
    Optional<Duration> timeLimit) {

  /** Fails fast on null fields. */
  public Job {
    Objects.requireNonNull(arrayTaskId, "arrayTaskId");
    Objects.requireNonNull(arrayTasks, "arrayTasks");
    Objects.requireNonNull(hetJobOffset, "hetJobOffset");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(tresAllocated, "tresAllocated");
    Objects.requireNonNull(tresRequested, "tresRequested");
    Objects.requireNonNull(submitTime, "submitTime");
    Objects.requireNonNull(eligibleTime, "eligibleTime");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(timeLimit, "timeLimit");
  }

  /** A builder; fields not set keep their defaults (empty, zero, UNKNOWN). */
  public static Builder builder(long jobId) {
    return new Builder(jobId);
  }

  /** Builds a {@link Job}; not thread-safe. */
  public static final class Builder {
    private final long jobId;
    private long arrayJobId;
    private OptionalLong arrayTaskId = OptionalLong.empty();
    private String arrayTasks = "";
    private long hetJobId;
    private OptionalLong hetJobOffset = OptionalLong.empty();
    private String name = "";
    private String user = "";
    private String account = "";
    private String partition = "";
    private String qos = "";
    private State state = State.UNKNOWN;
    private String reason = "";
    private int cpus;
    private int nodeCount;
    private String nodes = "";
    private long memoryBytes;
    private long gpus;
    private Tres tresAllocated = Tres.EMPTY;
    private Tres tresRequested = Tres.EMPTY;
    private Optional<Instant> submitTime = Optional.empty();
    private Optional<Instant> eligibleTime = Optional.empty();
    private Optional<Instant> startTime = Optional.empty();
    private Optional<Instant> endTime = Optional.empty();
    private Optional<Duration> timeLimit = Optional.empty();

    private Builder(long jobId) {
      this.jobId = jobId;
    }

    /** Sets {@link Job#arrayJobId()}. */
    public Builder arrayJobId(long v) { arrayJobId = v; return this; }
    /** Sets {@link Job#arrayTaskId()}. */
    public Builder arrayTaskId(OptionalLong v) { arrayTaskId = v; return this; }
    /** Sets {@link Job#arrayTasks()}. */
    public Builder arrayTasks(String v) { arrayTasks = v == null ? "" : v; return this; }
    /** Sets {@link Job#hetJobId()}. */
    public Builder hetJobId(long v) { hetJobId = v; return this; }
    /** Sets {@link Job#hetJobOffset()}. */
    public Builder hetJobOffset(OptionalLong v) { hetJobOffset = v; return this; }
    /** Sets {@link Job#name()}. */
    public Builder name(String v) { name = v == null ? "" : v; return this; }
    /** Sets {@link Job#user()}. */
    public Builder user(String v) { user = v == null ? "" : v; return this; }
    /** Sets {@link Job#account()}. */
    public Builder account(String v) { account = v == null ? "" : v; return this; }
    /** Sets {@link Job#partition()}. */
    public Builder partition(String v) { partition = v == null ? "" : v; return this; }
    /** Sets {@link Job#qos()}. */
    public Builder qos(String v) { qos = v == null ? "" : v; return this; }
    /** Sets {@link Job#state()}. */
    public Builder state(State v) { state = v; return this; }
    /** Sets {@link Job#reason()}. */
    public Builder reason(String v) { reason = v == null ? "" : v; return this; }
    /** Sets {@link Job#cpus()}. */
    public Builder cpus(int v) { cpus = v; return this; }
    /** Sets {@link Job#nodeCount()}. */
    public Builder nodeCount(int v) { nodeCount = v; return this; }
    /** Sets {@link Job#nodes()}. */
    public Builder nodes(String v) { nodes = v == null ? "" : v; return this; }
    /** Sets {@link Job#memoryBytes()}. */
    public Builder memoryBytes(long v) { memoryBytes = v; return this; }
    /** Sets {@link Job#gpus()}. */
    public Builder gpus(long v) { gpus = v; return this; }
    /** Sets {@link Job#tresAllocated()}. */
    public Builder tresAllocated(Tres v) { tresAllocated = v; return this; }
    /** Sets {@link Job#tresRequested()}. */
    public Builder tresRequested(Tres v) { tresRequested = v; return this; }
    /** Sets {@link Job#submitTime()}. */
    public Builder submitTime(Optional<Instant> v) { submitTime = v; return this; }
    /** Sets {@link Job#eligibleTime()}. */
    public Builder eligibleTime(Optional<Instant> v) { eligibleTime = v; return this; }
    /** Sets {@link Job#startTime()}. */
    public Builder startTime(Optional<Instant> v) { startTime = v; return this; }
    /** Sets {@link Job#endTime()}. */
    public Builder endTime(Optional<Instant> v) { endTime = v; return this; }
    /** Sets {@link Job#timeLimit()}. */
    public Builder timeLimit(Optional<Duration> v) { timeLimit = v; return this; }

    /** The immutable value. */
    public Job build() {
      return new Job(jobId, arrayJobId, arrayTaskId, arrayTasks, hetJobId, hetJobOffset, name, user, account,
          partition, qos, state, reason, cpus, nodeCount, nodes, memoryBytes, gpus, tresAllocated, tresRequested,
          submitTime, eligibleTime, startTime, endTime, timeLimit);
    }
  }
}
