/** {@link io.slurmmetrics.source.cli.CliSource}: Slurm read through its commands' {@code --json} output. */
package io.slurmmetrics.source.cli;
