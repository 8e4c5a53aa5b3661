/**
 * Test support for Slurm integrations: recorded real Slurm outputs ({@link io.slurmmetrics.testkit.Fixtures}),
 * a fake slurmrestd with fault injection ({@link io.slurmmetrics.testkit.FakeSlurmrestd}) and, in
 * {@code io.slurmmetrics.testkit.lab}, access to the real lab clusters. Serves bytes only: no dependency on
 * slurm-metrics-core, so any Slurm client can be tested with it.
 */
package io.slurmmetrics.testkit;
