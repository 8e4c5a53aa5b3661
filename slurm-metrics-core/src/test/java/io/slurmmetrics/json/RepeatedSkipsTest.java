package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Skipped values compared with the recent ones first: skipped whole, never taken for a longer or different value. */
class RepeatedSkipsTest {
  /** Objects of a skipped key {@code a} (index 1) and a read key {@code b} (index 0). */
  private static final ByteKeyTable KEYS = new ByteKeyTable(List.of("b"), List.of("a"));
  private static final int A = 1;

  private static ByteJsonReader reader(String json, int window) throws IOException {
    return new ByteJsonReader(new Buffer().writeUtf8(json), window);
  }

  /** Each object's {@code b}, its {@code a} skipped by {@code skips}. */
  private static List<Long> readBs(ByteJsonReader r, RepeatedSkips skips) throws IOException {
    List<Long> bs = new ArrayList<>();
    r.beginArray();
    while (r.hasNext()) {
      r.beginObject();
      while (r.hasNext()) {
        if (r.nextKey(KEYS) == 0) bs.add(r.nextLongOrMin());
        else skips.skip(r);
      }
      r.endObject();
    }
    r.endArray();
    return bs;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 1 << 16})
  void repeatedAndAlmostRepeatedValuesLeaveTheReaderAfterEachOne(int window) throws IOException {
    // values equal but for one byte just before their end, brackets inside strings, pretty-printed whitespace
    String json = "[{\"a\":{\"x\":[1,\"]\"],\"y\":12},\"b\":1},{\"a\":{\"x\":[1,\"]\"],\"y\":12},\"b\":2},"
        + "{\"a\":{\"x\":[1,\"]\"],\"y\":13},\"b\":3}, {\"a\": {\"x\":[1,\"]\"],\"y\":1}, \"b\": 4},"
        + "{\"a\":{\"x\":[1,\"]\"],\"y\":12},\"b\":5},{\"a\":[],\"b\":6},{\"a\":[],\"b\":7},{\"a\":\"s\",\"b\":8}]";
    assertThat(readBs(reader(json, window), new RepeatedSkips(KEYS, 100))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L,
        7L, 8L);
  }

  @Test
  void aRecentValueIsFoundOnlyWhenTheNextValueIsExactlyIt() throws IOException {
    RecentValues recent = new RecentValues(4);
    recent.add("12".getBytes(StandardCharsets.UTF_8), "number"); // not kept: 12 may begin 123
    recent.add("\"ab\"".getBytes(StandardCharsets.UTF_8), "string");
    recent.add("{\"x\":1}".getBytes(StandardCharsets.UTF_8), "object");

    ByteJsonReader r = reader("[123, \"abc\", {\"x\":12}, \"ab\", {\"x\":1}]", 1 << 16);
    r.beginArray();
    assertThat(r.hasNext()).isTrue();
    assertThat(recent.skipKnown(r)).isFalse();
    assertThat(r.nextLongOrMin()).isEqualTo(123);
    assertThat(r.hasNext()).isTrue();
    assertThat(recent.skipKnown(r)).isFalse();
    assertThat(r.nextString()).isEqualTo("abc");
    assertThat(r.hasNext()).isTrue();
    assertThat(recent.skipKnown(r)).isFalse();
    r.skipValue();
    assertThat(r.hasNext()).isTrue();
    assertThat(recent.skipKnown(r)).isTrue();
    assertThat(recent.first()).isEqualTo("string");
    assertThat(r.hasNext()).isTrue();
    assertThat(recent.skipKnown(r)).isTrue();
    assertThat(recent.first()).isEqualTo("object");
    assertThat(r.hasNext()).isFalse();
  }

  @Test
  void aValueCutShortByTheEndOfTheInputIsNotTakenForARecentOne() throws IOException {
    RecentValues recent = new RecentValues(2);
    recent.add("{\"x\":[1,2]}".getBytes(StandardCharsets.UTF_8), null);
    ByteJsonReader r = reader("[{\"x\":[1,", 2);
    r.beginArray();
    assertThat(r.hasNext()).isTrue();
    assertThat(recent.skipKnown(r)).isFalse();
    assertThatThrownBy(r::skipValue).isInstanceOf(EOFException.class);
  }

  @Test
  void onlyTheLastFewDistinctValuesAreKept() throws IOException {
    RecentValues recent = new RecentValues(2);
    for (String v : new String[] {"[1]", "[2]", "[3]"}) recent.add(v.getBytes(StandardCharsets.UTF_8), v);
    ByteJsonReader r = reader("[[2], [1], [3]]", 1 << 16);
    r.beginArray();
    assertThat(r.hasNext()).isTrue();
    assertThat(recent.skipKnown(r)).as("[2]: second most recent").isTrue();
    assertThat(r.hasNext()).isTrue();
    assertThat(recent.skipKnown(r)).as("[1]: dropped for [3]").isFalse();
  }

  @Test
  void aKeyWhoseValuesDoNotRepeatIsOnlySkippedAfterTheTrial() throws IOException {
    StringBuilder json = new StringBuilder("[");
    int n = RepeatTrial.VALUES * 2;
    for (int i = 0; i < n; i++) json.append(i == 0 ? "" : ",").append("{\"a\":[").append(i).append("],\"b\":").append(i)
        .append('}');
    RepeatedSkips distinct = new RepeatedSkips(KEYS, 100);
    List<Long> bs = readBs(reader(json.append(']').toString(), 1 << 16), distinct);
    assertThat(bs).hasSize(n).last().isEqualTo((long) n - 1);
    assertThat(distinct.remembers(A)).isFalse();

    String same = "[" + "{\"a\":[0],\"b\":1},".repeat(n) + "{\"a\":[0],\"b\":2}]";
    RepeatedSkips repeating = new RepeatedSkips(KEYS, 100);
    assertThat(readBs(reader(same, 1 << 16), repeating)).hasSize(n + 1).last().isEqualTo(2L);
    assertThat(repeating.remembers(A)).isTrue();
  }
}
