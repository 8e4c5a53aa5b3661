package io.slurmmetrics.metrics;

import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The current queue (what squeue shows), by partition, state, reason, user and account, and opt-in per job. */
final class QueueFamilies {
  private QueueFamilies() {}

  /**
   * The labels the queue families take from one job. Jobs are first summed by this tuple, so a 50,000-job queue costs
   * one map update per job here and one {@link FamilySet#add} per family and distinct tuple (label sanitising and
   * series lookup included), instead of eight {@code add} calls per job.
   */
  private record Labels(String partition, State state, String user, String account, String reason) {}

  /** Jobs of one {@link Labels} tuple: count, CPUs, GPUs. */
  private static final class Sums {
    long jobs;
    long cpus;
    long gpus;
  }

  static void jobs(List<Job> jobs, FamilySet fs) {
    fs.declare("slurm_jobs_total").declare("slurm_jobs_pending");
    Map<Labels, Sums> byLabels = new LinkedHashMap<>(); // first-seen order: series keep the order of the job list
    for (Job j : jobs) {
      // one record is one squeue line: the pending remainder of an array counts once, as squeue shows it
      Sums sums = byLabels.computeIfAbsent(
          new Labels(j.partition(), j.state(), j.user(), j.account(), j.reason()), k -> new Sums());
      sums.jobs++;
      sums.cpus += j.cpus();
      sums.gpus += j.gpus();
    }
    for (Map.Entry<Labels, Sums> e : byLabels.entrySet()) {
      Labels l = e.getKey();
      Sums sums = e.getValue();
      String state = SlurmStates.jobState(l.state());
      fs.add("slurm_jobs_total", sums.jobs, l.partition(), state);
      fs.add("slurm_jobs_cpus", sums.cpus, l.partition(), state);
      fs.add("slurm_jobs_gpus", sums.gpus, l.partition(), state);
      fs.add("slurm_user_jobs", sums.jobs, l.user(), state);
      fs.add("slurm_account_jobs", sums.jobs, l.account(), state);
      if (l.state().is("PENDING")) {
        fs.add("slurm_jobs_pending", sums.jobs, l.partition(), l.reason().isEmpty() ? "None" : l.reason());
      }
      if (l.state().is("RUNNING")) {
        fs.add("slurm_user_cpus_running", sums.cpus, l.user());
        fs.add("slurm_account_cpus_running", sums.cpus, l.account());
        fs.add("slurm_account_gpus_running", sums.gpus, l.account());
      }
    }
    if (fs.isEnabled("slurm_job_cpus")) {
      for (Job j : jobs) {
        if (j.state().is("RUNNING")) perJob(j, fs);
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
