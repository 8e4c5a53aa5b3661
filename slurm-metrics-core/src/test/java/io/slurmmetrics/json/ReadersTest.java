package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.State;
import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared value readers, on small hand-made values (each shape below was seen in real Slurm output). */
class ReadersTest {

  private static ByteJsonReader bytes(String s) {
    return new ByteJsonReader(new Buffer().writeUtf8(s));
  }

  private static int exitCode(ByteJsonReader r) throws IOException {
    return new AccountingJobReader().exitCode(r);
  }

  private static JsonReader json(String s) {
    JsonReader r = JsonReader.of(new Buffer().writeUtf8(s));
    r.setLenient(true);
    return r;
  }

  private static SlurmNumber number(String s) throws IOException {
    return NumberReader.read(json(s));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "42 | 42",
      "null | unset",
      "{\"set\": true, \"infinite\": false, \"number\": 7} | 7",
      "{\"set\": false, \"infinite\": false, \"number\": 0} | unset",
      "{\"set\": false, \"infinite\": true, \"number\": 0} | infinite",
      "{} | unset",
      "\"Infinity\" | infinite",
      "Infinity | infinite",
      "4294967294 | unset",
      "4294967295 | infinite",
      "18446744073709551614 | unset",
      "18446744073709551615 | infinite",
      "-2 | unset",
      "-1 | infinite",
      "\"12\" | 12",
      "0.25 | 0.25",
      "65534 | 65534",
      "9223372036854776808 | 1000/cpu",
  })
  void numberShapes(String input, String expected) throws IOException {
    assertThat(number(input).toString()).isEqualTo(expected);
  }

  @Test
  void sixteenBitSentinelsOnlyWhereSlurmUsesSixteenBits() throws IOException {
    assertThat(NumberReader.read16(json("65534")).isUnset()).isTrue();
    assertThat(NumberReader.read16(json("65535")).isInfinite()).isTrue();
    assertThat(number("65534").longValue()).isEqualTo(65534);
  }

  @Test
  void perCpuMemoryFlagIsBit63() throws IOException {
    SlurmNumber n = number(Long.toUnsignedString(Long.MIN_VALUE | 500));
    assertThat(n.isPerCpu()).isTrue();
    assertThat(n.longValue()).isEqualTo(500);
  }

  @Test
  void garbageNumberIsAClearError() {
    assertThatThrownBy(() -> number("\"lots\"")).isInstanceOf(NumberFormatException.class).hasMessageContaining("lots");
  }

  @Test
  void statesFromStringArrayAndV38Flags() throws IOException {
    assertThat(StateReader.read(json("\"mixed\""))).isEqualTo(State.of("MIXED"));
    assertThat(StateReader.read(json("[\"IDLE\",\"DRAIN\"]"))).isEqualTo(State.of("IDLE", "DRAIN"));
    assertThat(StateReader.read(json("[\"DRAIN\",\"IDLE\"]"))).isEqualTo(State.of("IDLE", "DRAIN"));
    assertThat(StateReader.parse("IDLE+DRAIN")).isEqualTo(State.of("IDLE", "DRAIN"));
    assertThat(StateReader.parse("down*")).isEqualTo(State.of("DOWN", "NOT_RESPONDING"));
    assertThat(StateReader.parse("idle~")).isEqualTo(State.of("IDLE", "POWERED_DOWN"));
    assertThat(StateReader.of(List.of("idle", "RESERVED"))).isEqualTo(State.of("IDLE", "RESERVED"));
  }

  @Test
  void unknownStateTokensAreKeptRawNeverFatal() throws IOException {
    State s = StateReader.read(json("[\"RUNNING\",\"TELEPORTING\"]"));
    assertThat(s.base()).isEqualTo("RUNNING");
    assertThat(s.flags()).containsExactly("TELEPORTING");
    assertThat(StateReader.isKnown(s)).isFalse();
    State onlyUnknown = StateReader.read(json("\"HIBERNATING\""));
    assertThat(onlyUnknown.base()).isEqualTo("HIBERNATING");
    assertThat(StateReader.read(json("[]"))).isEqualTo(State.UNKNOWN);
  }

  @Test
  void tresStringWithUnitsAndTypedGres() {
    Tres t = TresParser.parse("cpu=2,mem=1000M,node=1,billing=2,gres/gpu:tesla=2,license/matlab=2");
    assertThat(t.cpus()).isEqualTo(2);
    assertThat(t.memoryBytes()).isEqualTo(1000L * 1024 * 1024);
    assertThat(t.nodes()).isEqualTo(1);
    assertThat(t.gpus()).isEqualTo(2);
    assertThat(t.get("license/matlab")).isEqualTo(2);
    assertThat(TresParser.parse("mem=1.5G").memoryBytes()).isEqualTo(1536L * 1024 * 1024);
    assertThat(TresParser.parse("mem=2T").memoryBytes()).isEqualTo(2L << 40);
    assertThat(TresParser.parse("cpu=2,gres/gpu=4,gres/gpu:a100=4").gpus()).isEqualTo(4);
    assertThat(TresParser.parse("")).isEqualTo(Tres.EMPTY);
    assertThat(TresParser.parse("(null)")).isEqualTo(Tres.EMPTY);
    assertThat(TresParser.parse("cpu=x,junk,mem=").isEmpty()).isTrue();
  }

  @Test
  void tresArrayOfObjectsCountsMemoryInMib() throws IOException {
    Tres t = TresParser.read(json("[{\"type\":\"cpu\",\"name\":null,\"id\":1,\"count\":4},"
        + "{\"type\":\"mem\",\"name\":\"\",\"id\":2,\"count\":500},"
        + "{\"type\":\"energy\",\"id\":3,\"count\":null},"
        + "{\"type\":\"gres\",\"name\":\"gpu:a100\",\"id\":1001,\"count\":2}]"));
    assertThat(t.cpus()).isEqualTo(4);
    assertThat(t.memoryBytes()).isEqualTo(500L * 1024 * 1024);
    assertThat(t.counts()).doesNotContainKey("energy");
    assertThat(t.gpus()).isEqualTo(2);
  }

  @Test
  void gresForms() {
    assertThat(GresParser.parse("gpu:tesla:2")).isEqualTo(Map.of("gpu:tesla", 2L));
    assertThat(GresParser.parse("gpu:tesla:1(IDX:0)")).isEqualTo(Map.of("gpu:tesla", 1L));
    assertThat(GresParser.parse("gpu:2(S:0)")).isEqualTo(Map.of("gpu", 2L));
    assertThat(GresParser.parse("gpu:a100:2(IDX:0,2),mps:100")).isEqualTo(Map.of("gpu:a100", 2L, "mps", 100L));
    assertThat(GresParser.parse("gpu:a100:2,gpu:v100:1")).isEqualTo(Map.of("gpu:a100", 2L, "gpu:v100", 1L));
    assertThat(GresParser.parse("gpu")).isEqualTo(Map.of("gpu", 1L));
    assertThat(GresParser.parse("gpu:0")).isEqualTo(Map.of("gpu", 0L));
    assertThat(GresParser.parse("N/A")).isEmpty();
    assertThat(GresParser.parse("(null)")).isEmpty();
  }

  @Test
  void hostlistForms() {
    assertThat(Hostlist.expand("n[1-4,7]")).containsExactly("n1", "n2", "n3", "n4", "n7");
    assertThat(Hostlist.expand("n[08-11]")).containsExactly("n08", "n09", "n10", "n11");
    assertThat(Hostlist.expand("c[0998-1001]")).containsExactly("c0998", "c0999", "c1000", "c1001");
    assertThat(Hostlist.expand("x[08-100]")).hasSize(93).startsWith("x08").endsWith("x99", "x100");
    assertThat(Hostlist.expand("c[1-2],g[1-2]")).containsExactly("c1", "c2", "g1", "g2");
    assertThat(Hostlist.expand("rack[1-2]-n[1-2]"))
        .containsExactly("rack1-n1", "rack1-n2", "rack2-n1", "rack2-n2");
    assertThat(Hostlist.expand("a,b,c[1-2]")).containsExactly("a", "b", "c1", "c2");
    assertThat(Hostlist.expand("c1")).containsExactly("c1");
    assertThat(Hostlist.expand("")).isEmpty();
    assertThat(Hostlist.expand("(null)")).isEmpty();
    assertThatThrownBy(() -> Hostlist.expand("n[1-")).hasMessageContaining("n[1-");
    assertThatThrownBy(() -> Hostlist.expand("n[0-99999999]")).hasMessageContaining("more than");
  }

  @Test
  void stepIdsInThreeShapes() throws IOException {
    assertThat(StepIds.read(json("{\"job_id\": 12, \"het\": {\"component\": null}, \"id\": \"batch\"}")))
        .isEqualTo("12.batch");
    assertThat(StepIds.read(json("{\"id\": {\"job_id\": 12, \"step_id\": {\"set\": true, \"number\": 0}}}")))
        .isEqualTo("12.0");
    assertThat(StepIds.read(json("{\"id\": \"12.extern\", \"name\": \"extern\"}"))).isEqualTo("12.extern");
  }

  @Test
  void exitCodesInThreeShapes() throws IOException {
    // 22.05 /slurm jobs: raw wait status, 256 = exit 1, 9 = SIGKILL
    assertThat(exitCode(bytes("256"))).isEqualTo(1);
    assertThat(exitCode(bytes("9"))).isEqualTo(-9);
    // v0.0.38/39 slurmdb
    assertThat(exitCode(bytes("{\"status\": \"FAILED\", \"return_code\": 3}"))).isEqualTo(3);
    assertThat(exitCode(
        bytes("{\"status\": \"SIGNALED\", \"return_code\": 0, \"signal\": {\"signal_id\": 15, \"name\": \"TERM\"}}")))
        .isEqualTo(-15);
    // v0.0.39 uint32_no_val around a wait status (hand-made from the published v0.0.39 schema)
    assertThat(exitCode(bytes("{\"set\": true, \"infinite\": false, \"number\": 512}")))
        .isEqualTo(2);
    // v0.0.40+
    assertThat(exitCode(bytes("{\"status\": [\"ERROR\"], \"return_code\": "
        + "{\"set\": true, \"infinite\": false, \"number\": 3}, \"signal\": {\"id\": {\"set\": false}, \"name\": \"\"}}")))
        .isEqualTo(3);
    assertThat(exitCode(bytes("{\"status\": [\"SIGNALED\"], \"return_code\": "
        + "{\"set\": true, \"number\": 0}, \"signal\": {\"id\": {\"set\": true, \"number\": 9}, \"name\": \"KILL\"}}")))
        .isEqualTo(-9);
  }

  @Test
  void jobMemoryFlaggedPerCpuWithBit63IsMultipliedByCpus() throws Exception {
    String perCpu1000 = Long.toUnsignedString(Long.MIN_VALUE | 1000);
    var jobs = SlurmJson.jobs(new Buffer().writeUtf8("{\"jobs\": [{\"job_id\": 5, \"job_state\": \"PENDING\","
        + " \"cpus\": 2, \"node_count\": 1, \"memory_per_node\": " + perCpu1000 + ", \"brand_new_field\":"
        + " {\"nested\": [1, {\"x\": null}]}}], \"errors\": []}"), "v0.0.38").data();
    assertThat(jobs.get(0).memoryBytes()).isEqualTo(2 * 1000L * 1024 * 1024);
  }
}
