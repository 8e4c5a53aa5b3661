package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.testkit.Fixtures;
import io.slurmmetrics.testkit.sim.ClusterSimulator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parts of an answer found again by their bytes read as the same parts read afresh. */
class SeenValuesTest {
  private static final String[] ACCOUNTING_FIXTURES = {
      "22.05:rest/v0.0.38/slurmdb/jobs.json", "22.05:cli/sacct.json", "24.11:cli/sacct.json",
      "26.05:rest/v0.0.42/slurmdb/jobs.json", "26.05:rest/v0.0.44/slurmdb/jobs.json", "26.05:cli/sacct.json"};

  /** The simulator's hour of finished jobs: thousands of jobs whose TRES, states and exit codes repeat. */
  private static byte[] simulatedHour() throws IOException {
    ClusterSimulator sim = ClusterSimulator.builder()
        .apiVersion("v0.0.42")
        .seed(11)
        .clock(Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC))
        .cpuNodes(200)
        .gpuNodes(20)
        .partitions(4)
        .queueTarget(100)
        .finishedHistory(3_000, Duration.ofHours(1))
        .build();
    Buffer b = new Buffer();
    assertThat(sim.write("/slurmdb/v0.0.42/jobs", Map.of(), b)).isTrue();
    return b.readByteArray();
  }

  private static List<AccountingJob> read(byte[] answer, int window) throws Exception {
    return ByteJsonReaderTest.read(answer, window);
  }

  /** Each job of {@code answer} in an answer of its own: nothing seen before, every part read. */
  private static List<AccountingJob> readOneByOne(byte[] answer) throws Exception {
    Map<?, ?> document = (Map<?, ?>) JsonReader.of(new Buffer().write(answer)).readJsonValue();
    List<AccountingJob> out = new ArrayList<>();
    for (Object job : (List<?>) document.get("jobs")) {
      Buffer one = new Buffer();
      try (JsonWriter w = JsonWriter.of(one)) {
        w.beginObject().name("jobs").beginArray();
        w.jsonValue(job);
        w.endArray().endObject();
      }
      out.addAll(read(one.readByteArray(), 1 << 16));
    }
    return out;
  }

  @Test
  void jobsOfOneAnswerReadAsTheSameJobsEachAlone() throws Exception {
    List<byte[]> answers = new ArrayList<>();
    for (String fixture : ACCOUNTING_FIXTURES) {
      String[] parts = fixture.split(":");
      answers.add(Fixtures.of(parts[0]).bytes(parts[1]));
    }
    answers.add(simulatedHour());
    for (byte[] answer : answers) {
      List<AccountingJob> alone = readOneByOne(answer);
      assertThat(alone).isNotEmpty();
      assertThat(read(answer, 1 << 16)).isEqualTo(alone);
      assertThat(read(answer, 3)).as("through a 3-byte window").isEqualTo(alone);
    }
  }

  private static ByteJsonReader reader(String json, int window) throws IOException {
    ByteJsonReader r = new ByteJsonReader(new Buffer().writeUtf8(json), window);
    r.beginArray();
    return r;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 1 << 16})
  void aRepeatedValueIsFoundAndTheReaderStandsAfterIt(int window) throws IOException {
    ByteJsonReader r = reader("[{\"a\": [1, 2]}, {\"a\": [1, 2]}, {\"a\": [1, 3]}, {\"a\": [1, 2]}, 7]", window);
    SeenValues<String> seen = new SeenValues<>(64, 100);
    List<String> found = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      assertThat(r.hasNext()).isTrue();
      String value = seen.read(r, reader -> {
        String read = reader.nextValueBytes().readUtf8(); // what a caller reads, from the value's first byte
        found.add("read " + read);
        return read;
      });
      if (found.size() <= i) found.add("found " + value);
    }
    assertThat(found).containsExactly("read {\"a\": [1, 2]}", "found {\"a\": [1, 2]}", "read {\"a\": [1, 3]}",
        "found {\"a\": [1, 2]}");
    assertThat(r.hasNext()).isTrue();
    assertThat(r.nextLongOrMin()).isEqualTo(7);
  }

  @Test
  void aValueLongerThanTheLimitIsReadEveryTime() throws IOException {
    ByteJsonReader r = reader("[\"0123456789\", \"0123456789\", 7]", 1 << 16);
    SeenValues<String> seen = new SeenValues<>(8, 11);
    List<String> reads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      assertThat(r.hasNext()).isTrue();
      assertThat(seen.read(r, reader -> {
        String read = reader.nextString();
        reads.add(read);
        return read;
      })).isEqualTo("0123456789");
    }
    assertThat(reads).as("read both times").hasSize(2);
    assertThat(r.hasNext()).isTrue();
    assertThat(r.nextLongOrMin()).isEqualTo(7);
  }

  @Test
  void valuesThatDoNotRepeatAreReadDirectlyAfterTheTrial() throws IOException {
    int n = RepeatTrial.VALUES * 2;
    StringBuilder distinct = new StringBuilder("[");
    for (int i = 0; i < n; i++) distinct.append(i == 0 ? "" : ",").append("[").append(i).append("]");
    SeenValues<Long> seen = new SeenValues<>(64, 100);
    List<Long> values = readAll(reader(distinct.append("]").toString(), 1 << 16), seen, n);
    assertThat(values).hasSize(n).last().isEqualTo((long) n - 1);
    assertThat(seen.looking()).isFalse();

    SeenValues<Long> repeating = new SeenValues<>(64, 100);
    assertThat(readAll(reader("[" + "[1],".repeat(n) + "[2]]", 1 << 16), repeating, n + 1)).last().isEqualTo(2L);
    assertThat(repeating.looking()).isTrue();
  }

  /** {@code n} arrays of one number, each through {@code seen}. */
  private static List<Long> readAll(ByteJsonReader r, SeenValues<Long> seen, int n) throws IOException {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      assertThat(r.hasNext()).isTrue();
      out.add(seen.read(r, reader -> {
        reader.beginArray();
        long v = reader.nextLongOrMin();
        reader.endArray();
        return v;
      }));
    }
    assertThat(r.hasNext()).isFalse();
    return out;
  }
}
