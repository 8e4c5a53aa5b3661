/** {@link io.slurmmetrics.source.rest.RestSource}: Slurm read through slurmrestd over HTTP(S) or its unix socket. */
package io.slurmmetrics.source.rest;
