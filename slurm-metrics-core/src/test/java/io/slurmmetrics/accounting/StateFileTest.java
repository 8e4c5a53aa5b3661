package io.slurmmetrics.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
  private static final Instant FROM = Instant.parse("2026-11-26T06:00:00Z");
  private static final Instant CURSOR = Instant.parse("2026-11-26T07:30:00.250Z");

  @TempDir
  Path dir;

  private StateFile.State sample() {
    return new StateFile.State("lab 2205", FROM, CURSOR, Map.of(
        new JobKey(12, -1, -1, 1764136800L), CURSOR.minusSeconds(30),
        new JobKey(13, 4, -1, 1764136801L), CURSOR.minusSeconds(20),
        new JobKey(14, -1, 1, 1764136802L), CURSOR));
  }

  @Test
  void whatIsWrittenIsReadBack() throws Exception {
    StateFile f = new StateFile(dir.resolve("sub/state"));
    f.write(sample());
    assertThat(f.read()).contains(sample());
  }

  @Test
  void aMissingFileIsNoState() throws Exception {
    assertThat(new StateFile(dir.resolve("none")).read()).isEmpty();
  }

  @Test
  void writingReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
    StateFile f = new StateFile(dir.resolve("state"));
    f.write(sample());
    StateFile.State next = new StateFile.State("lab 2205", FROM, CURSOR.plusSeconds(60), Map.of());
    f.write(next);
    assertThat(f.read()).contains(next);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state");
    }
  }

  @Test
  void aTruncatedFileIsCorrupt() throws Exception {
    Path p = dir.resolve("state");
    new StateFile(p).write(sample());
    String text = Files.readString(p);
    Files.writeString(p, text.substring(0, text.lastIndexOf("jobs ")), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new StateFile(p).read()).isInstanceOf(StateFile.CorruptStateException.class)
        .hasMessageContaining(p.toString()).hasMessageContaining("truncated");
  }

  @Test
  void aJobCountThatDoesNotMatchIsCorrupt() throws Exception {
    Path p = dir.resolve("state");
    Files.writeString(p, "version 1\ncluster c\ncount-from " + FROM + "\ncursor " + CURSOR + "\njobs 2\n");
    assertThatThrownBy(() -> new StateFile(p).read()).hasMessageContaining("says 2 jobs but holds 0");
  }

  @Test
  void garbageIsCorruptAndNamesTheLine() throws Exception {
    Path p = dir.resolve("state");
    Files.writeString(p, "version 1\nwhat is this\n");
    assertThatThrownBy(() -> new StateFile(p).read()).isInstanceOf(StateFile.CorruptStateException.class)
        .hasMessageContaining("line 2").hasMessageContaining("unknown key 'what'");
  }

  @Test
  void binaryContentIsCorrupt() throws Exception {
    Path p = dir.resolve("state");
    Files.write(p, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    assertThatThrownBy(() -> new StateFile(p).read()).isInstanceOf(StateFile.CorruptStateException.class);
  }

  @Test
  void anUnknownVersionIsCorrupt() throws Exception {
    Path p = dir.resolve("state");
    Files.writeString(p, "version 2\ncluster c\ncount-from " + FROM + "\ncursor " + CURSOR + "\njobs 0\n");
    assertThatThrownBy(() -> new StateFile(p).read()).hasMessageContaining("version");
  }
}
