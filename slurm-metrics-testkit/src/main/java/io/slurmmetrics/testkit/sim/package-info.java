/**
 * A simulated Slurm cluster that speaks slurmrestd's REST API v0.0.42 or v0.0.44
 * ({@link io.slurmmetrics.testkit.sim.ClusterSimulator}), for demos, tests and benchmarks that need a living cluster
 * without Slurm: from a few dozen nodes to the 10,000-node, 50,000-job scale of the benchmarks.
 */
package io.slurmmetrics.testkit.sim;
