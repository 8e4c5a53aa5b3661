package io.slurmmetrics.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import okio.BufferedSource;
import okio.Okio;

/**
 * One pass of the accounting reader over an answer held in memory, or of its bare nested skip over the whole answer:
 * what {@code ReaderAB} times in each of its class loaders. In this package for the reader's package-private skip.
 */
public final class ReaderProbe {
  private ReaderProbe() {}

  /** Nanoseconds for one pass; {@code mode} is {@code ingest} or {@code skip}. */
  public static long once(byte[] answer, String mode) throws IOException, SlurmJsonException {
    long start = System.nanoTime();
    BufferedSource source = Okio.buffer(Okio.source(new ByteArrayInputStream(answer)));
    switch (mode) {
      case "ingest" -> {
        if (SlurmJson.accountingJobs(source, "v0.0.42").data().isEmpty()) {
          throw new IllegalArgumentException("no jobs in the answer");
        }
      }
      case "skip" -> new ByteJsonReader(source).skipValue();
      default -> throw new IllegalArgumentException("mode is ingest or skip: " + mode);
    }
    return System.nanoTime() - start;
  }
}
