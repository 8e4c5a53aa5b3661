package io.slurmmetrics.testkit;

/**
 * Produces {@link FakeSlurmrestd}'s answer to a request: plug in a cluster simulator, a lambda or a recorded
 * {@link FixtureSet}. Called concurrently from the server's threads, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface Responder {
  /** The answer, or {@code null} for "no such path" (slurmrestd's plain-text 404). */
  FakeResponse respond(FakeRequest request);
}
