/**
 * A simulated Slurm cluster that speaks slurmrestd's REST API v0.0.42 ({@link io.slurmmetrics.testkit.sim.ClusterSimulator}),
 * for demos, tests and benchmarks that need a living cluster without Slurm.
 */
package io.slurmmetrics.testkit.sim;
