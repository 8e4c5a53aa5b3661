package io.slurmmetrics.metrics;

import io.slurmmetrics.model.Job;
import java.util.List;

/** The current queue (what squeue shows), by partition, state, reason, user and account, and opt-in per job. */
final class QueueFamilies {
  private QueueFamilies() {}

  static void jobs(List<Job> jobs, FamilySet fs) {
    fs.declare("slurm_jobs_total").declare("slurm_jobs_pending");
    for (Job j : jobs) {
      // one record is one squeue line: the pending remainder of an array counts once, as squeue shows it
      String state = SlurmStates.jobState(j.state());
      String partition = j.partition();
      fs.add("slurm_jobs_total", 1, partition, state);
      fs.add("slurm_jobs_cpus", j.cpus(), partition, state);
      fs.add("slurm_jobs_gpus", j.gpus(), partition, state);
      fs.add("slurm_user_jobs", 1, j.user(), state);
      fs.add("slurm_account_jobs", 1, j.account(), state);
      if (j.state().is("PENDING")) {
        fs.add("slurm_jobs_pending", 1, partition, j.reason().isEmpty() ? "None" : j.reason());
      }
      if (j.state().is("RUNNING")) {
        fs.add("slurm_user_cpus_running", j.cpus(), j.user());
        fs.add("slurm_account_cpus_running", j.cpus(), j.account());
        fs.add("slurm_account_gpus_running", j.gpus(), j.account());
        if (fs.isEnabled("slurm_job_cpus")) perJob(j, fs);
      }
    }
  }

  private static void perJob(Job j, FamilySet fs) {
    String[] l = {jobId(j), j.partition(), j.user(), j.account()};
    fs.add("slurm_job_cpus", j.cpus(), l);
    fs.add("slurm_job_memory_bytes", j.memoryBytes(), l);
    fs.add("slurm_job_gpus", j.gpus(), l);
    fs.add("slurm_job_nodes", j.nodeCount(), l);
    j.startTime().ifPresent(t -> fs.add("slurm_job_start_time_seconds", t.getEpochSecond(), l));
    j.timeLimit().ifPresent(d -> fs.add("slurm_job_time_limit_seconds", d.getSeconds(), l));
  }

  /** The id squeue prints: {@code 10_2} for an array task, {@code 30+1} for a heterogeneous component. */
  static String jobId(Job j) {
    if (j.arrayJobId() != 0 && j.arrayTaskId().isPresent()) return j.arrayJobId() + "_" + j.arrayTaskId().getAsLong();
    if (j.arrayJobId() != 0 && !j.arrayTasks().isEmpty()) return j.arrayJobId() + "_[" + j.arrayTasks() + "]";
    if (j.hetJobId() != 0 && j.hetJobOffset().isPresent()) return j.hetJobId() + "+" + j.hetJobOffset().getAsLong();
    return Long.toString(j.jobId());
  }
}
