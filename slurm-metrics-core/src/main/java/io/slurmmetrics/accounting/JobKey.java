package io.slurmmetrics.accounting;

import io.slurmmetrics.model.AccountingJob;
import java.time.Instant;

/**
 * What makes one finished job unique in the accounting database: its id, array task, heterogeneous component and
 * submit time. The submit time tells apart the runs of a requeued job, which keep their id. Absent parts are -1.
 */
record JobKey(long jobId, long arrayTaskId, long hetJobOffset, long submitEpochSecond) {

  static JobKey of(AccountingJob job) {
    return new JobKey(job.jobId(), job.arrayTaskId().orElse(-1), job.hetJobOffset().orElse(-1),
        job.submitTime().map(Instant::getEpochSecond).orElse(-1L));
  }
}
