package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.State;
import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The allocation-free paths the readers take (primitive numbers, shared states, and the byte reader of the job lists)
 * give what the general readers give, on small hand-made values shaped like real Slurm output.
 */
class FastPathTest {

  private static JsonReader json(String s) {
    JsonReader r = JsonReader.of(new Buffer().writeUtf8(s));
    r.setLenient(true);
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"42", "null", "{\"set\": true, \"infinite\": false, \"number\": 7}",
      "{\"set\": false, \"infinite\": false, \"number\": 3}", "{\"set\": false, \"infinite\": true, \"number\": 0}",
      "{\"infinite\": true}", "{}", "{\"number\": {\"set\": true, \"number\": 5}}", "\"Infinity\"", "\"12\"",
      "4294967294", "4294967295", "18446744073709551614", "18446744073709551615", "-1", "-2", "65534", "1.0",
      "true", "[1, 2]"})
  void primitiveNumbersAgreeWithTheGeneralReaderOnEveryShape(String input) throws IOException {
    assertThat(NumberReader.readLong(json(input), -99)).isEqualTo(NumberReader.read(json(input)).orElse(-99));
  }

  @Test
  void keysInAnotherOrderThanTheObjectBeforeAreStillReadByName() throws IOException {
    KeyTable table = new KeyTable(List.of("a", "b"), List.of("c"));
    JsonReader r = json("[{\"a\": 1, \"b\": 2, \"c\": 3}, {\"a\": 1, \"b\": 2, \"c\": 3},"
        + " {\"c\": 3, \"new\": 0, \"b\": 2, \"a\": 1}, {\"a\": 1, \"c\": 3}]");
    List<List<Integer>> seen = new ArrayList<>();
    r.beginArray();
    while (r.hasNext()) {
      List<Integer> keys = new ArrayList<>();
      KeyTable.Cursor cursor = table.cursor();
      r.beginObject();
      while (r.hasNext()) {
        keys.add(cursor.next(r));
        r.skipValue();
      }
      r.endObject();
      seen.add(keys);
    }
    r.endArray();
    assertThat(seen).containsExactly(List.of(0, 1, -1), List.of(0, 1, -1), List.of(-1, -1, 1, 0), List.of(0, -1));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"42", "null", "{\"set\": true, \"infinite\": false, \"number\": 7}",
      "{\"set\": false, \"infinite\": false, \"number\": 3}", "{\"set\": false, \"infinite\": true, \"number\": 0}",
      "{\"infinite\": true}", "{}", "{\"number\": {\"set\": true, \"number\": 5}}", "\"Infinity\"", "\"12\"",
      "4294967294", "4294967295", "18446744073709551614", "18446744073709551615", "9223372036854775808", "-1", "-2",
      "65534", "1.0", "2.5", "1e3", "true", "[1, 2]", "Infinity", "NaN", "{\"set\": \"true\", \"number\": 9}"})
  void theByteReaderReadsNumbersLikeTheGeneralReaderOnEveryShape(String input) throws IOException {
    SlurmNumber general = NumberReader.read(json(input));
    assertThat(ByteValues.number(bytes(input))).isEqualTo(general);
    assertThat(ByteValues.longOr(bytes(input), -99)).isEqualTo(general.orElse(-99));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"set\":true,\"infinite\":false,\"number\":7}",
      "{\"set\":false,\"infinite\":false,\"number\":3}",
      "{\"set\":true,\"infinite\":false,\"number\":18446744073709551615}",
      "{\"set\":true,\"infinite\":false,\"number\":-2}", "{\"set\":true,\"infinite\":false,\"number\":1.5}",
      "{\"set\":true,\"infinite\":false,\"number\":null}",
      "{\"set\":true,\"infinite\":false,\"number\":7,\"infinite\":true}",
      "{\"set\":false,\"infinite\":false,\"number\":3,\"set\":true}",
      "{\"set\":true,\"infinite\":false,\"number\":{\"set\":false,\"infinite\":false,\"number\":4}}",
      "{\"set\":true,\"infinite\":true,\"number\":0}"})
  void compactNumberObjectsReadLikeTheGeneralReaderAndLeaveTheReaderRightAfterThem(String input) throws IOException {
    // padded: the reader's guessed keys are compared in words only when the window holds enough bytes
    ByteJsonReader r = new ByteJsonReader(new Buffer().writeUtf8("[" + input + ",\"" + "x".repeat(60) + "\"]"));
    r.beginArray();
    assertThat(ByteValues.number(r)).isEqualTo(NumberReader.read(json(input)));
    assertThat(r.hasNext()).isTrue();
    assertThat(r.nextString()).hasSize(60);
    r.endArray();
    r.endDocument();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\"cpu=2,mem=1000M,node=1,billing=2,gres/gpu:a100=2\"", "\"\"", "\"(null)\"", "null",
      "[{\"type\": \"cpu\", \"name\": \"\", \"id\": 1, \"count\": 4}, {\"type\": \"mem\", \"count\": 2000},"
          + " {\"type\": \"gres\", \"name\": \"gpu\", \"count\": {\"set\": true, \"number\": 2}},"
          + " {\"type\": \"energy\", \"count\": -2}, {\"name\": \"x\", \"count\": 1}, 7]", "[]", "{}"})
  void theByteReaderReadsTresLikeTheGeneralParser(String input) throws IOException {
    assertThat(new ByteValues().tres(bytes(input))).isEqualTo(TresParser.read(json(input)));
  }

  @Test
  void oneAnswersTresArraysReadAlikeWhenTheyRepeatDifferOnlyInACountOrListATypeTwice() throws IOException {
    String cpu2 = "{\"type\":\"cpu\",\"name\":\"\",\"id\":1,\"count\":2}";
    String cpu4 = "{\"type\":\"cpu\",\"name\":\"\",\"id\":1,\"count\":4}";
    String mem = "{\"type\":\"mem\",\"name\":\"\",\"id\":2,\"count\":1000}";
    String gpu = "{\"type\":\"gres\",\"name\":\"gpu\",\"id\":1001,\"count\":2}";
    String gpuTwice = "{\"type\":\"gres\",\"name\":\"gpu:a100\",\"count\":1}";
    List<String> arrays = List.of("[" + cpu2 + "," + mem + "]", "[" + cpu4 + "," + mem + "]",
        "[" + cpu2 + "," + mem + "]", "[" + mem + "," + cpu2 + "]", "[" + cpu2 + "," + mem + "," + gpu + "]",
        "[" + cpu2 + "," + cpu2 + "]", "[" + cpu2 + "," + mem + "," + gpu + "]", "[" + gpuTwice + "," + gpuTwice + "]",
        "[" + cpu2 + "]", "[]", "[" + cpu4 + "," + mem + "]");
    // one reader for all, as for one answer: a repeated array may come from what it remembers
    ByteValues values = new ByteValues();
    for (boolean memInMib : new boolean[] {true, false}) {
      for (String a : arrays) {
        Tres general = TresParser.readArray(json(a), memInMib);
        Tres read = values.tresArray(bytes(a), memInMib);
        assertThat(read).as("%s, memInMib %s", a, memInMib).isEqualTo(general);
        assertThat(read.counts().keySet()).as(a).containsExactlyElementsOf(general.counts().keySet());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"[\"IDLE\", \"MAINT\", \"drain\"]", "\"MIXED+DRAIN\"", "\"down*\"", "[]", "null",
      "[\"RUNNING\", \"COMPLETING\"]", "{\"current\": \"x\"}"})
  void theByteReaderSplitsStatesLikeTheGeneralReader(String input) throws IOException {
    List<String> tokens = new ArrayList<>();
    new ByteValues().tokens(bytes(input), tokens);
    assertThat(tokens).isEqualTo(StateReader.tokens(json(input)));
  }

  private static ByteJsonReader bytes(String s) {
    return new ByteJsonReader(new Buffer().writeUtf8(s));
  }

  @Test
  void stateTokensMatchedInTheBufferAreSpelledLikeTheGeneralReaderAndShared() throws IOException {
    List<String> first = new ArrayList<>();
    StateReader.tokens(json("[\"IDLE\", \"MAINT\", \"drain\"]"), first);
    assertThat(first).containsExactly("IDLE", "MAINTENANCE", "DRAIN").isEqualTo(StateReader.tokens(
        json("[\"IDLE\", \"MAINT\", \"drain\"]")));
    assertThat(StateReader.canonical(first)).isEqualTo(State.of("IDLE", "MAINTENANCE", "DRAIN"));

    List<String> again = new ArrayList<>();
    StateReader.tokens(json("[\"IDLE\", \"MAINT\", \"drain\"]"), again);
    assertThat(StateReader.canonical(again)).isSameAs(StateReader.canonical(first));
  }
}
