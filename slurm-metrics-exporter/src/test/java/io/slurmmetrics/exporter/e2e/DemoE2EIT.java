package io.slurmmetrics.exporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: the packaged jar with {@code --demo} serves, within 60 s, every name of the metric
 * contract (read from the catalogue), with values that change between scrapes.
 */
@Tag("e2e")
class DemoE2EIT {
  @TempDir
  Path dir;

  @Test
  void demoServesEveryContractNameWithMovingValuesWithinAMinute() throws Exception {
    int port = ExporterProcess.freePort();
    try (ExporterProcess demo = ExporterProcess.standalone(dir, port, Map.of(), "--demo",
        "--web.listen-address=127.0.0.1:" + port)) {
      HttpResponse<String> first = demo.awaitNoProblem("/metrics", Duration.ofSeconds(60),
          r -> r.statusCode() != 200 ? "HTTP " + r.statusCode()
              : Exposition.missing(r.body()).isEmpty() ? null : "missing " + Exposition.missing(r.body()));
      assertThat(Exposition.missing(first.body())).isEmpty();
      assertThat(Exposition.contractNames()).hasSizeGreaterThan(50);
      Map<String, String> before = Exposition.slurmValues(first.body());
      HttpResponse<String> later = demo.await("/metrics", Duration.ofSeconds(60),
          r -> r.statusCode() == 200 && !Exposition.slurmValues(r.body()).equals(before));
      Map<String, String> after = Exposition.slurmValues(later.body());
      List<String> changed = after.keySet().stream().filter(k -> before.containsKey(k)
          && !before.get(k).equals(after.get(k))).toList();
      assertThat(changed).isNotEmpty();
      assertThat(demo.stderr()).contains("listening on http://127.0.0.1:" + port + "/metrics")
          .contains("clusters: demo");
      assertThat(demo.get("/-/ready").statusCode()).isEqualTo(200);
      assertThat(demo.get("/").body()).contains("slurm-metrics exporter").contains("demo");
    }
  }

  @Test
  void sigtermShutsDownCleanly() throws Exception {
    int port = ExporterProcess.freePort();
    ExporterProcess demo = ExporterProcess.standalone(dir, port, Map.of(), "--demo",
        "--web.listen-address=127.0.0.1:" + port);
    try (demo) {
      demo.await("/-/healthy", Duration.ofSeconds(60), r -> r.statusCode() == 200);
      demo.process.destroy(); // SIGTERM
      int status = demo.awaitExit(Duration.ofSeconds(20));
      assertThat(status).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
      assertThat(demo.stderr()).contains("msg=\"shutting down\"");
    }
  }
}
