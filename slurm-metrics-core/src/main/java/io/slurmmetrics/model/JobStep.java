package io.slurmmetrics.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a running job as the accounting database holds it ({@code sacct -s R} shows one line per step): the
 * batch script ({@code batch}), the {@code extern} step, and each {@code srun} ({@code 0}, {@code 1}, ...).
 *
 * <p>Usage (CPU time, RSS) is absent on purpose: slurmdbd only learns it when the step ends.
 *
 * @param jobId       the job as squeue and sacct print it: {@code 12}, {@code 10_2} for an array task,
 *                    {@code 30+1} for a heterogeneous component
 * @param stepId      the step part of {@code <job>.<step>}: {@code batch}, {@code extern}, {@code interactive},
 *                    {@code 0}, {@code 1}, ...
 * @param name        the step's name ({@code batch}, the command srun ran), empty when unknown
 * @param state       the step's state ({@code RUNNING})
 * @param startTime   when the step started, empty when unknown
 * @param elapsed     how long it had run when slurmdbd answered
 * @param nodeCount   nodes the step runs on
 * @param nodes       the step's nodes as a Slurm hostlist ({@code c[1-2]}), empty when unknown
 * @param tasks       tasks of the step
 * @param cpus        CPUs allocated to the step
 * @param memoryBytes memory allocated to the step, bytes (0 when not tracked)
 * @param gpus        GPUs allocated to the step, from its {@code gres/gpu} TRES
 */
public record JobStep(
    String jobId,
    String stepId,
    String name,
    State state,
    Optional<Instant> startTime,
    Duration elapsed,
    int nodeCount,
    String nodes,
    int tasks,
    long cpus,
    long memoryBytes,
    long gpus) {

  /** Fails fast on null fields and on an empty job or step id (the series key). */
  public JobStep {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(nodes, "nodes");
    if (jobId.isEmpty()) throw new IllegalArgumentException("step without a job id (step \"" + stepId + "\")");
    if (stepId.isEmpty()) throw new IllegalArgumentException("step of job " + jobId + " without a step id");
  }

  /** {@code <job>.<step>} as sacct prints it ({@code 12.batch}, {@code 10_2.0}). */
  public String id() {
    return jobId + "." + stepId;
  }

  /**
   * Whether the step still runs (or is suspended): a running job's finished steps stay in slurmdbd's answer, and
   * counting them would grow one series per {@code srun} a long workflow ever made.
   */
  public boolean isActive() {
    return state.is("RUNNING") || state.is("SUSPENDED");
  }

  /** A builder for the step {@code <jobId>.<stepId>}; other fields default to empty, zero, UNKNOWN. */
  public static Builder builder(String jobId, String stepId) {
    return new Builder(jobId, stepId);
  }

  /** Builds a {@link JobStep}; not thread-safe. */
  public static final class Builder {
    private final String jobId;
    private final String stepId;
    private String name = "";
    private State state = State.UNKNOWN;
    private Optional<Instant> startTime = Optional.empty();
    private Duration elapsed = Duration.ZERO;
    private int nodeCount;
    private String nodes = "";
    private int tasks;
    private long cpus;
    private long memoryBytes;
    private long gpus;

    private Builder(String jobId, String stepId) {
      this.jobId = jobId;
      this.stepId = stepId;
    }

    /** Sets {@link JobStep#name()}. */
    public Builder name(String v) { name = v == null ? "" : v; return this; }
    /** Sets {@link JobStep#state()}. */
    public Builder state(State v) { state = v; return this; }
    /** Sets {@link JobStep#startTime()}. */
    public Builder startTime(Optional<Instant> v) { startTime = v; return this; }
    /** Sets {@link JobStep#elapsed()}. */
    public Builder elapsed(Duration v) { elapsed = v; return this; }
    /** Sets {@link JobStep#nodeCount()}. */
    public Builder nodeCount(int v) { nodeCount = v; return this; }
    /** Sets {@link JobStep#nodes()}. */
    public Builder nodes(String v) { nodes = v == null ? "" : v; return this; }
    /** Sets {@link JobStep#tasks()}. */
    public Builder tasks(int v) { tasks = v; return this; }
    /** Sets {@link JobStep#cpus()}. */
    public Builder cpus(long v) { cpus = v; return this; }
    /** Sets {@link JobStep#memoryBytes()}. */
    public Builder memoryBytes(long v) { memoryBytes = v; return this; }
    /** Sets {@link JobStep#gpus()}. */
    public Builder gpus(long v) { gpus = v; return this; }

    /** The immutable value. */
    public JobStep build() {
      return new JobStep(jobId, stepId, name, state, startTime, elapsed, nodeCount, nodes, tasks, cpus, memoryBytes,
          gpus);
    }
  }
}
