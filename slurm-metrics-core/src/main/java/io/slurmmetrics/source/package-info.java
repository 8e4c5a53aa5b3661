/**
 * Where Slurm data comes from: one {@link io.slurmmetrics.source.SlurmSource} interface, implemented over
 * slurmrestd ({@code source.rest}) and the command line ({@code source.cli}). Failures are typed
 * ({@link io.slurmmetrics.source.SlurmSourceException}) and name the source and endpoint.
 */
package io.slurmmetrics.source;
