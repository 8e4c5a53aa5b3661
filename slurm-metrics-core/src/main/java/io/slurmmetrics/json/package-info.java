/**
 * One set of tolerant, streaming readers from Slurm's JSON (REST v0.0.38 to v0.0.45 and the CLI's {@code --json})
 * to the model. Shapes are recognised where they differ (a number as int or {@code {set,infinite,number}}, a state
 * as string or array, renamed keys), never by version number. Entry point: {@link io.slurmmetrics.json.SlurmJson};
 * the shared value readers are {@link io.slurmmetrics.json.NumberReader}, {@link io.slurmmetrics.json.StateReader},
 * {@link io.slurmmetrics.json.TresParser}, {@link io.slurmmetrics.json.GresParser} and
 * {@link io.slurmmetrics.json.Hostlist}. Knows the model, never a source or a metric.
 */
package io.slurmmetrics.json;
