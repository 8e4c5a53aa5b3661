/**
 * Reading a Prometheus text exposition in tests: {@link io.slurmmetrics.testkit.exposition.Exposition} parses
 * {@code /metrics} output into samples that assertions can query by name and labels.
 */
package io.slurmmetrics.testkit.exposition;
