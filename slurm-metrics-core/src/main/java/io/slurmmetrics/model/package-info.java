/**
 * Immutable Slurm facts, independent of how they were fetched and of the API version they came from.
 *
 * <p>Units are base units: memory in bytes, times as {@link java.time.Instant}, durations as
 * {@link java.time.Duration}. Values that Slurm leaves unset are {@code Optional} or documented sentinels,
 * never Slurm's own NO_VAL numbers. This package imports nothing else of ours.
 */
package io.slurmmetrics.model;
