package io.slurmmetrics.metrics;

import io.slurmmetrics.model.JobStep;
import java.util.List;

/**
 * Opt-in per step ({@code slurm_job_step_*}, group {@code job}): one series per running step, keyed by
 * {@code job_id} (as the per-job families print it, so the two join) and {@code step_id}. The step's name and state,
 * free text and rarely needed in a query, go on one info series instead of on every series. Steps that ended are left
 * out: a running job keeps its finished steps in slurmdbd, and a workflow of thousands of {@code srun}s must not keep a
 * series for each. Capped per family like every family.
 */
final class StepFamilies {
  private StepFamilies() {}

  static void render(List<JobStep> steps, FamilySet fs) {
    if (!fs.isEnabled("slurm_job_step_info")) return;
    fs.declare("slurm_job_step_info");
    for (JobStep s : steps) {
      if (!s.isActive()) continue;
      String job = s.jobId();
      String step = s.stepId();
      fs.add("slurm_job_step_cpus", s.cpus(), job, step);
      fs.add("slurm_job_step_memory_bytes", s.memoryBytes(), job, step);
      fs.add("slurm_job_step_gpus", s.gpus(), job, step);
      fs.add("slurm_job_step_nodes", s.nodeCount(), job, step);
      fs.add("slurm_job_step_tasks", s.tasks(), job, step);
      s.startTime().ifPresent(t -> fs.add("slurm_job_step_start_time_seconds", t.getEpochSecond(), job, step));
      fs.add("slurm_job_step_info", 1, job, step, s.name(), SlurmStates.jobState(s.state()));
    }
  }
}
