/**
 * Finished jobs from slurmdbd, counted exactly once: {@link io.slurmmetrics.accounting.AccountingPoller} reads them
 * by end time in overlapping windows on its own thread, deduplicates by (job id, array task, het offset, submit
 * time) with bounded memory, and optionally survives restarts through a state file;
 * {@link io.slurmmetrics.accounting.AccountingProvider} plugs it into {@code SlurmMetrics}. Families are defined in
 * the metric catalogue. See {@code docs/accounting.md}.
 */
package io.slurmmetrics.accounting;
