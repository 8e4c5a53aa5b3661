package io.slurmmetrics.bench;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.json.SlurmJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import okio.BufferedSource;
import okio.Okio;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One hour of the scenario's finished jobs (a window as the poller asks for it: ~41,700 jobs) decoded from
 * memory, without HTTP: what the accounting reader costs per byte, next to a bare Moshi {@code skipValue()} over the
 * same bytes. The accounting figures of the table add the transport and the poller; this is the reader alone, so a
 * change to it can be measured in a minute. Compact (as {@code SLURMRESTD_JSON=compact} sends it) and pretty
 * (slurmrestd's default).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Benchmark)
public class DecodeBenchmark {
  @Param({"compact", "pretty"})
  public String layout;

  private byte[] answer;

  /**
   * The bench server's path of the poller's second window of the scenario's day (the second hour, end + 1 s, as the
   * poller asks: a catch-up re-reads no overlap between its pieces) in {@code layout}.
   */
  static String path(String layout) {
    long from = Scenario.NOW.minus(Scenario.FINISHED_SPAN).getEpochSecond() + 60 * 60;
    long to = from + 60 * 60 + 1;
    String prefix = layout.equals("pretty") ? PrettyAnswers.PREFIX : "";
    return prefix + "/slurmdb/v0.0.42/jobs?start_time=" + from + "&end_time=" + to;
  }

  @Setup
  public void setUp() throws IOException {
    try (InputStream in = URI.create(Clients.url() + path(layout)).toURL().openStream()) {
      answer = in.readAllBytes();
    }
  }

  private BufferedSource source() {
    return Okio.buffer(Okio.source(new ByteArrayInputStream(answer)));
  }

  @Benchmark
  public int ingest() throws Exception {
    return SlurmJson.accountingJobs(source(), "v0.0.42").data().size();
  }

  @Benchmark
  public void skipValue() throws IOException {
    try (JsonReader r = JsonReader.of(source())) {
      r.skipValue();
    }
  }
}
