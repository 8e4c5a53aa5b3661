/** The real Slurm lab ({@code scripts/slurm-lab}) as seen by integration tests: {@link io.slurmmetrics.testkit.lab.SlurmLab}. */
package io.slurmmetrics.testkit.lab;
