package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB jobs response parses in a JVM limited to 256 MB of heap: the readers stream and skip what they do not
 * keep. Runs {@link SyntheticJobsStream} in a forked JVM with {@code -Xmx256m} (the bytes are generated on the fly).
 */
class LargeResponseTest {
  @Test
  void twoHundredMegabyteJobsResponseParsesUnderXmx256m() throws Exception {
    runForked("direct");
  }

  @Test
  void twoHundredMegabyteJobsResponseStreamsThroughRestSourceUnderXmx256m() throws Exception {
    runForked("rest");
  }

  private static void runForked(String mode) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SyntheticJobsStream.class.getName());
    cmd.add("200");
    cmd.add(mode);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as(out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Matcher m = Pattern.compile("jobs=(\\d+) distinct=(\\d+) expected=(\\d+) bytes=(\\d+) maxHeapMiB=(\\d+)")
        .matcher(out);
    assertThat(m.find()).as(out).isTrue();
    assertThat(Long.parseLong(m.group(1))).isEqualTo(Long.parseLong(m.group(3)));
    assertThat(Long.parseLong(m.group(2))).isEqualTo(Long.parseLong(m.group(3)));
    assertThat(Long.parseLong(m.group(4))).isGreaterThanOrEqualTo(200L * 1024 * 1024);
    assertThat(Long.parseLong(m.group(5))).isLessThanOrEqualTo(256);
  }
}
