package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.testkit.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte reader of the accounting answers against Moshi, which writes the documents: random JSON with every kind of
 * string (quotes, backslashes, brackets and multi-byte characters inside), read through windows from 1 byte up so
 * that a refill falls on every position of every token; and the recorded real answers in every layout.
 */
class ByteJsonReaderTest {
  private static final String[] ACCOUNTING_FIXTURES = {
      "22.05:rest/v0.0.38/slurmdb/jobs.json", "22.05:cli/sacct.json", "24.11:cli/sacct.json",
      "26.05:rest/v0.0.42/slurmdb/jobs.json", "26.05:rest/v0.0.43/slurmdb/jobs.json",
      "26.05:rest/v0.0.44/slurmdb/jobs.json", "26.05:rest/v0.0.45/slurmdb/jobs.json", "26.05:cli/sacct.json"};

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 64, 1 << 16})
  void skipValueConsumesExactlyOneValueOfAnyShape(int window) throws IOException {
    skipsExactlyOneRandomValue(window, 200, ESCAPING);
  }

  /**
   * Without escapes the nested skip reads eight bytes at a time: brackets inside strings, quotes and closing brackets
   * at every offset of a word (the random padding shifts them), the depth reaching zero after an opening bracket in
   * the same word.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 9, 64, 1 << 16})
  void skipValueFollowsStringsWithoutEscapesWordByWord(int window) throws IOException {
    skipsExactlyOneRandomValue(window, 500, "ab{}[],: µ");
  }

  /**
   * {@code ["padding", <random value>, 4711]}, the value's strings made of {@code alphabet}: skipping the padding and
   * the value leaves the reader at 4711, through a window of {@code window} bytes.
   */
  private static void skipsExactlyOneRandomValue(int window, int docs, String alphabet) throws IOException {
    Random random = new Random(window);
    for (int doc = 0; doc < docs; doc++) {
      Buffer json = new Buffer();
      try (JsonWriter w = JsonWriter.of(json)) {
        w.beginArray();
        w.value("x".repeat(random.nextInt(9)));
        writeRandom(w, random, 0, alphabet);
        w.value(4711);
        w.endArray();
      }
      String text = json.readUtf8();
      ByteJsonReader r = new ByteJsonReader(new Buffer().writeUtf8(text), window);
      r.beginArray();
      r.skipValue();
      assertThat(r.hasNext()).isTrue();
      r.skipValue();
      assertThat(r.hasNext()).as(text).isTrue();
      assertThat(r.nextLongOrMin()).as(text).isEqualTo(4711);
      assertThat(r.hasNext()).isFalse();
      r.endArray();
      r.endDocument();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 1 << 16})
  void stringsAndLabelsDecodeAsMoshiWroteThem(int window) throws IOException {
    Random random = new Random(window);
    StringPool pool = new StringPool();
    for (int i = 0; i < 500; i++) {
      String s = randomString(random);
      Buffer json = new Buffer();
      try (JsonWriter w = JsonWriter.of(json)) {
        w.beginArray().value(s).value(s).endArray();
      }
      ByteJsonReader r = new ByteJsonReader(json, window);
      r.beginArray();
      assertThat(r.nextString()).isEqualTo(s);
      assertThat(r.hasNext()).isTrue();
      assertThat(r.nextLabel(pool)).isEqualTo(s);
      r.endArray();
    }
  }

  @Test
  void keysAreMatchedWhetherGuessedLookedUpEscapedOrUnknown() throws IOException {
    ByteKeyTable keys = new ByteKeyTable(List.of("a", "bb"), List.of("skipped"));
    // the second object has the keys in another order, an escaped key and a key in neither list
    String json = "[{\"a\":1,\"skipped\":2,\"bb\":3},{\"bb\":4,\"new\":5,\"\\u0061\":6,\"skipped\":7}]";
    for (int window : new int[] {1, 3, 1 << 16}) {
      ByteJsonReader r = new ByteJsonReader(new Buffer().writeUtf8(json), window);
      List<String> seen = new ArrayList<>();
      r.beginArray();
      while (r.hasNext()) {
        r.beginObject();
        while (r.hasNext()) {
          int k = r.nextKey(keys);
          seen.add(k + "=" + r.nextLongOrMin());
        }
        r.endObject();
      }
      r.endArray();
      assertThat(seen).as("window %d", window)
          .containsExactly("0=1", "-1=2", "1=3", "1=4", "-1=5", "0=6", "-1=7");
    }
  }

  @Test
  void aGuessedKeyMatchesOnlyTheWholeKeyFollowedByItsColon() throws IOException {
    String longKey = "a_key_longer_than_the_bytes_compared_in_words";
    ByteKeyTable keys = new ByteKeyTable(List.of("time", "time_limit", longKey), List.of());
    String padding = ",\"" + "x".repeat(80) + "\"]"; // so that the window holds enough bytes for word compares
    String learn = "[{\"time\":1,\"time_limit\":2,\"" + longKey + "\":3}" + padding;
    // against the learnt order: a longer key where its prefix is guessed, a space before a colon, a prefix
    // where the longer key is guessed, and a key too long for the word compare
    String test = "[{\"time_limit\":4,\"time\" :5,\"time\":6,\"" + longKey + "\":7}" + padding;
    for (int window : new int[] {1, 1 << 16}) {
      assertThat(readKeys(keys, learn, window)).containsExactly("0=1", "1=2", "2=3");
      assertThat(readKeys(keys, test, window)).as("window %d", window).containsExactly("1=4", "0=5", "0=6", "2=7");
    }
  }

  private static List<String> readKeys(ByteKeyTable keys, String json, int window) throws IOException {
    ByteJsonReader r = new ByteJsonReader(new Buffer().writeUtf8(json), window);
    List<String> seen = new ArrayList<>();
    r.beginArray();
    r.beginObject();
    while (r.hasNext()) {
      int k = r.nextKey(keys);
      seen.add(k + "=" + r.nextLongOrMin());
    }
    r.endObject();
    assertThat(r.hasNext()).isTrue();
    r.skipValue(); // the padding
    return seen;
  }

  @Test
  void oneObjectReadWithTwoKeyTablesStillMatchesEveryKey() throws IOException {
    ByteKeyTable big = new ByteKeyTable(List.of("a", "b", "c", "d", "e"), List.of("f"));
    ByteKeyTable small = new ByteKeyTable("x");
    for (int round = 0; round < 2; round++) { // the second round reads with the guesses the first one left
      ByteJsonReader r = new ByteJsonReader(new Buffer().writeUtf8("{\"f\": 0, \"e\": 1, \"x\": 2, \"a\": 3}"));
      r.beginObject();
      assertThat(r.nextKey(big)).isEqualTo(-1);
      r.skipValue();
      assertThat(r.hasNext()).isTrue();
      assertThat(r.nextKey(big)).isEqualTo(4);
      r.skipValue();
      assertThat(r.hasNext()).isTrue();
      assertThat(r.nextKey(small)).isEqualTo(0);
      r.skipValue();
      assertThat(r.hasNext()).isTrue();
      assertThat(r.nextKey(big)).isEqualTo(0);
      r.skipValue();
      r.endObject();
    }
  }

  @Test
  void numbersThatAreNoPlainLongAreLeftForTheCaller() throws IOException {
    ByteJsonReader r = new ByteJsonReader(
        new Buffer().writeUtf8("[18446744073709551614, 1.5, -2, \"7\", Infinity, 123456789012345678]"));
    r.beginArray();
    assertThat(r.nextLongOrMin()).isEqualTo(Long.MIN_VALUE);
    assertThat(r.nextNumberText()).isEqualTo("18446744073709551614");
    assertThat(r.hasNext()).isTrue();
    assertThat(r.nextLongOrMin()).isEqualTo(Long.MIN_VALUE);
    assertThat(r.nextNumberText()).isEqualTo("1.5");
    assertThat(r.hasNext()).isTrue();
    assertThat(r.nextLongOrMin()).isEqualTo(-2);
    assertThat(r.hasNext()).isTrue();
    assertThat(r.nextLongOrMin()).isEqualTo(Long.MIN_VALUE);
    assertThat(r.nextString()).isEqualTo("7");
    assertThat(r.hasNext()).isTrue();
    assertThat(r.peek()).isEqualTo(ByteJsonReader.LITERAL);
    assertThat(r.nextString()).isEqualTo("Infinity");
    assertThat(r.hasNext()).isTrue();
    assertThat(r.nextLongOrMin()).isEqualTo(123456789012345678L);
    r.endArray();
  }

  @Test
  void everyRecordedAnswerReadsTheSameCompactPrettyAndThroughATinyWindow() throws Exception {
    for (String fixture : ACCOUNTING_FIXTURES) {
      String[] parts = fixture.split(":");
      byte[] recorded = Fixtures.of(parts[0]).bytes(parts[1]);
      List<AccountingJob> asRecorded = read(recorded, 1 << 16);
      assertThat(asRecorded).as(fixture).isNotEmpty();
      assertThat(read(relayout(recorded, ""), 1 << 16)).as(fixture + " compact").isEqualTo(asRecorded);
      assertThat(read(relayout(recorded, "    "), 1 << 16)).as(fixture + " indented").isEqualTo(asRecorded);
      assertThat(read(recorded, 1)).as(fixture + " 1-byte window").isEqualTo(asRecorded);
    }
  }

  @Test
  void aTruncatedAnswerFailsAsTruncatedAtEveryLength() throws IOException {
    byte[] recorded = Fixtures.of("26.05").bytes("rest/v0.0.44/slurmdb/jobs.json");
    int end = recorded.length;
    while (end > 0 && Character.isWhitespace(recorded[end - 1])) end--;
    Random random = new Random(44);
    for (int i = 0; i < 300; i++) {
      int cut = i < 20 ? end - 1 - i : random.nextInt(end - 1) + 1;
      byte[] truncated = java.util.Arrays.copyOf(recorded, cut);
      assertThatThrownBy(() -> SlurmJson.accountingJobs(new Buffer().write(truncated), "v0.0.44"))
          .as("cut at %d", cut)
          .isInstanceOf(SlurmJsonException.class)
          .hasMessageContaining("accounting_jobs");
    }
  }

  @Test
  void malformedInputNamesWhatAndWhere() {
    assertThatThrownBy(() -> SlurmJson.accountingJobs(new Buffer().writeUtf8("<html>502</html>"), "v0.0.42"))
        .isInstanceOf(SlurmJsonException.class)
        .hasMessageContaining("expected a JSON object at the top level");
    assertThatThrownBy(() -> SlurmJson.accountingJobs(new Buffer().writeUtf8("{\"jobs\" [] }"), "v0.0.42"))
        .isInstanceOf(SlurmJsonException.class)
        .hasMessageContaining("malformed JSON: expected ':' after a key at byte 8");
    assertThatThrownBy(() -> SlurmJson.accountingJobs(new Buffer().writeUtf8("{\"jobs\": []} x"), "v0.0.42"))
        .isInstanceOf(SlurmJsonException.class)
        .hasMessageContaining("trailing data");
    assertThatThrownBy(() -> SlurmJson.accountingJobs(new Buffer().writeUtf8("{\"jobs\": {}}"), "v0.0.42"))
        .isInstanceOf(SlurmJsonException.class)
        .hasMessageContaining("'jobs' is not an array");
    assertThatThrownBy(() -> SlurmJson.accountingJobs(new Buffer().writeUtf8("{\"jobs\": [{\"name\": \"x\"}]}"),
        "v0.0.42"))
        .isInstanceOf(SlurmJsonException.class)
        .hasMessageContaining("missing required field 'job_id' in jobs[0]");
  }

  @Test
  void theEnvelopeIsReadAroundTheJobsInEitherOrder() throws Exception {
    String errors = "\"errors\": [{\"error_number\": 7000, \"error\": \"Unable to connect to database\"}]";
    for (String json : List.of("{" + errors + ", \"jobs\": [], \"meta\": {\"slurm\": {\"release\": \"24.11.1\"}}}",
        "{\"meta\": {\"slurm\": {\"release\": \"24.11.1\"}}, \"jobs\": null, \"future\": {\"a\": [1, \"]\"]}, "
            + errors + "}")) {
      SlurmResponse<List<AccountingJob>> resp = SlurmJson.accountingJobs(new Buffer().writeUtf8(json), "v0.0.42");
      assertThat(resp.data()).isEmpty();
      assertThat(resp.meta().slurmRelease()).isEqualTo("24.11.1");
      assertThat(resp.errors()).singleElement().satisfies(e -> assertThat(e.errno()).isEqualTo(7000));
    }
  }

  /**
   * The jobs of an accounting answer read through a window of {@code window} bytes to start with (SlurmJson uses the
   * default, so this reads the jobs array the way SlurmJson does), checked against SlurmJson's own read.
   */
  static List<AccountingJob> read(byte[] json, int window) throws Exception {
    ByteJsonReader r = new ByteJsonReader(new Buffer().write(json), window);
    AccountingJobReader jobs = new AccountingJobReader();
    List<AccountingJob> out = new ArrayList<>();
    r.beginObject();
    while (r.hasNext()) {
      if (!r.nextName().equals("jobs")) {
        r.skipValue();
        continue;
      }
      r.beginArray();
      while (r.hasNext()) out.add(jobs.read(r, out.size()));
      r.endArray();
    }
    r.endObject();
    r.endDocument();
    List<AccountingJob> viaSlurmJson = SlurmJson.accountingJobs(new Buffer().write(json), "test").data();
    assertThat(out).isEqualTo(viaSlurmJson);
    return out;
  }

  /** The same document written again by Moshi with {@code indent} ("" = compact), numbers exactly as they were. */
  private static byte[] relayout(byte[] json, String indent) throws IOException {
    JsonReader in = JsonReader.of(new Buffer().write(json));
    in.setLenient(true);
    Buffer out = new Buffer();
    try (JsonWriter w = JsonWriter.of(out)) {
      w.setIndent(indent);
      w.setSerializeNulls(true);
      w.setLenient(true);
      copy(in, w);
    }
    return out.readByteArray();
  }

  /** One value from {@code r} to {@code w}, token by token. */
  private static void copy(JsonReader r, JsonWriter w) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        r.beginObject();
        w.beginObject();
        while (r.hasNext()) {
          w.name(r.nextName());
          copy(r, w);
        }
        r.endObject();
        w.endObject();
      }
      case BEGIN_ARRAY -> {
        r.beginArray();
        w.beginArray();
        while (r.hasNext()) copy(r, w);
        r.endArray();
        w.endArray();
      }
      case NUMBER -> {
        try (okio.BufferedSink literal = w.valueSink()) { // as written: no double in between
          literal.writeUtf8(r.nextString());
        }
      }
      case STRING -> w.value(r.nextString());
      case BOOLEAN -> w.value(r.nextBoolean());
      default -> {
        r.nextNull();
        w.nullValue();
      }
    }
  }

  private static void writeRandom(JsonWriter w, Random random, int depth) throws IOException {
    writeRandom(w, random, depth, ESCAPING);
  }

  /** A random value whose strings and keys are made of {@code alphabet}'s characters. */
  private static void writeRandom(JsonWriter w, Random random, int depth, String alphabet) throws IOException {
    int kind = depth > 4 ? random.nextInt(5) : random.nextInt(7);
    switch (kind) {
      case 0 -> w.value(randomString(random, alphabet));
      case 1 -> w.value(random.nextLong());
      case 2 -> w.value(random.nextDouble() * 1e6);
      case 3 -> w.value(random.nextBoolean());
      case 4 -> w.nullValue();
      case 5 -> {
        w.beginArray();
        for (int i = random.nextInt(5); i > 0; i--) writeRandom(w, random, depth + 1, alphabet);
        w.endArray();
      }
      default -> {
        w.beginObject();
        for (int i = random.nextInt(5); i > 0; i--) {
          w.name(randomString(random, alphabet) + i);
          writeRandom(w, random, depth + 1, alphabet);
        }
        w.endObject();
      }
    }
  }

  /** Strings with the bytes a skip must not miscount: quotes, backslashes, brackets, control and multi-byte chars. */
  private static final String ESCAPING = "ab\"\\{}[],: \n\tµé€😀\u0001/";

  private static String randomString(Random random) {
    return randomString(random, ESCAPING);
  }

  private static String randomString(Random random, String alphabet) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(20); i > 0; i--) {
      int at = random.nextInt(alphabet.length());
      if (Character.isHighSurrogate(alphabet.charAt(at))) s.append(alphabet, at, at + 2);
      else if (!Character.isLowSurrogate(alphabet.charAt(at))) s.append(alphabet.charAt(at));
    }
    return s.toString();
  }

  @Test
  void valueBytesAreCopiedWholeAcrossRefills() throws IOException {
    String meta = "{\"slurm\": {\"release\": \"26.05.0\", \"pad\": \"" + "x".repeat(300) + "\"}}";
    ByteJsonReader r = new ByteJsonReader(new Buffer().writeUtf8("{\"meta\": " + meta + "}"), 4);
    r.beginObject();
    assertThat(r.nextName()).isEqualTo("meta");
    assertThat(r.nextValueBytes().readByteString()).isEqualTo(ByteString.encodeUtf8(meta));
    r.endObject();
    r.endDocument();
  }
}
