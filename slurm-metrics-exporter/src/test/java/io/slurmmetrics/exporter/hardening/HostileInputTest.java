package io.slurmmetrics.exporter.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.testkit.FakeRequest;
import io.slurmmetrics.testkit.FakeResponse;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.FixtureResponder;
import io.slurmmetrics.testkit.Fixtures;
import io.slurmmetrics.testkit.Responder;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile data, served with status 200 by FakeSlurmrestd: the recorded real answers of 22.05 and 26.05, rewritten
 * in the test (unknown fields and enum values, NO_VAL in every number, hostile names). The exporter must keep every
 * source up, count every object, let no sentinel through as a value, and serve an exposition promtool accepts.
 */
class HostileInputTest {
  static final long NO_VAL = 4294967294L;
  static final String UNKNOWN_STATE = "QUANTUM_FLUX";

  @TempDir
  Path dir;

  @Test
  void unknownFieldsAndEnumValuesAreIgnoredAndEveryObjectIsStillCounted() throws Exception {
    // hand-made from the 26.05 recording: an unknown field in every object, an unknown flag on every node and
    // partition state, and an unknown base state on every job
    Exposition e = serve("26.05", tree -> JsonTree.map(tree, null, (key, v) -> {
      if (v instanceof Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>(cast(m));
        out.put("zz_hardening_unknown", Map.of("nested", List.of(1.0, "x", Map.of("deep", true)),
            "flags", List.of("NEW_FLAG")));
        return out;
      }
      if ("job_state".equals(key) && v instanceof List<?>) return List.of(UNKNOWN_STATE);
      if ("state".equals(key) && v instanceof List<?> l) {
        List<Object> out = new ArrayList<>(l);
        out.add(UNKNOWN_STATE);
        return out;
      }
      return v;
    }));
    assertThat(FaultMatrixTest.allUp(e, "hostile")).as(ExporterHarness.describe(e)).isTrue();
    assertThat(e.sum("slurm_exporter_collect_errors_total", "cluster", "hostile")).isZero();
    assertThat(e.sum("slurm_nodes_total", "cluster", "hostile")).isEqualTo(FaultMatrixTest.LAB_NODES);
    assertThat(e.sum("slurm_jobs_total", "cluster", "hostile")).as("all 23 recorded jobs, whatever their state")
        .isEqualTo(23);
  }

  @Test
  void noValInEveryNumericFieldOf2205NeverBecomesAValue() throws Exception {
    // hand-made from the 22.05 recording (plain integers): every number replaced by NO_VAL (4294967294) except the
    // job id, a job's identity (a NO_VAL job id is refused as a bad payload: jobIdOfNoValIsABadPayloadOfJobsOnly)
    assertNoSentinel(serve("22.05", tree -> JsonTree.map(tree, null,
        (key, v) -> v instanceof Double && !"job_id".equals(key) ? (Object) (double) NO_VAL : v)));
  }

  @Test
  void noValInEveryNumericFieldOf2605NeverBecomesAValue() throws Exception {
    // hand-made from the 26.05 recording: every number but the job id NO_VAL, every {set, infinite, number} unset
    assertNoSentinel(serve("26.05", tree -> JsonTree.map(tree, null, (key, v) -> {
      if (v instanceof Double && !"job_id".equals(key)) return (double) NO_VAL;
      if (v instanceof Map<?, ?> m && m.containsKey("set") && m.containsKey("number")) {
        Map<String, Object> out = new LinkedHashMap<>(cast(m));
        out.put("set", false);
        return out;
      }
      return v;
    })));
  }

  @Test
  void jobIdOfNoValIsABadPayloadOfJobsOnly() throws Exception {
    // hand-made from the 26.05 recording: every job_id NO_VAL; the other endpoints keep serving
    Exposition e = serve("26.05", tree -> JsonTree.map(tree, null,
        (key, v) -> "job_id".equals(key) && v instanceof Double ? (Object) (double) NO_VAL : v));
    for (String source : FaultMatrixTest.sourcesOf(e, "hostile")) {
      assertThat(FaultMatrixTest.up(e, "hostile", source)).as(source).isEqualTo(source.equals("jobs") ? 0.0 : 1.0);
    }
    assertThat(e.value("slurm_exporter_collect_errors_total", "cluster", "hostile", "source", "jobs", "kind",
        "bad_payload")).isPositive();
    assertThat(e.has("slurm_jobs_total", "cluster", "hostile")).isFalse();
  }

  private static void assertNoSentinel(Exposition e) {
    assertThat(FaultMatrixTest.allUp(e, "hostile")).as("every source parses: %s", ExporterHarness.describe(e))
        .isTrue();
    assertThat(e.sum("slurm_nodes_total", "cluster", "hostile")).isEqualTo(FaultMatrixTest.LAB_NODES);
    for (Exposition.Sample s : e.samples()) {
      if (!s.name().startsWith("slurm_") || s.name().startsWith("slurm_exporter_")) continue;
      // the poller's cursor is our own clock (where counting resumes), not a figure from Slurm
      if (s.name().equals("slurm_accounting_cursor_timestamp_seconds")) continue;
      // the lab's real figures are small (48 CPUs, 23 jobs); NO_VAL or any scaling of it is not
      assertThat(Math.abs(s.value())).as("%s%s", s.name(), s.labels()).isLessThan(1.0e6);
      assertThat(Double.isFinite(s.value())).as("%s%s", s.name(), s.labels()).isTrue();
    }
  }

  @Test
  void hostileNamesReachLabelsSanitisedAndTheExpositionStaysValid() throws Exception {
    String badUtf8 = "\u0001BAD-UTF8\u0001"; // replaced by invalid bytes after writing
    Map<String, String> rename = new LinkedHashMap<>();
    rename.put("alice", "al\"ice\\\n\t\uD83D\uDE00" + badUtf8);                      // user
    rename.put("physics", "phy\"sics{x=\"1\"} 1\n# TYPE evil counter");             // account
    rename.put("chemistry", "chem\\\\istry\r\n" + "\u00E9".repeat(5_000));          // account, 10 kB
    rename.put("cpu", "c\tpu\"\\\uD83E\uDDEA");                                    // partition
    rename.put("resv_alice", "resv\n\"alice\"\\" + "r".repeat(10_000));            // reservation, 10 kB
    rename.put("long_cpu", "long\"cpu\n" + "j".repeat(10_000) + badUtf8);           // job name
    rename.put("Resources", "Res\"our\\ces\t\uD83D\uDD25" + badUtf8);               // pending reason
    Exposition e = serve("26.05", tree -> JsonTree.map(tree, null,
        (key, v) -> v instanceof String s && rename.containsKey(s) ? rename.get(s) : v), badUtf8);
    assertThat(FaultMatrixTest.allUp(e, "hostile")).as(ExporterHarness.describe(e)).isTrue();
    assertThat(e.sum("slurm_jobs_total", "cluster", "hostile")).isEqualTo(23);

    String alice = expected(rename.get("alice").replace(badUtf8, ""), 256);
    assertThat(e.samples("slurm_user_jobs", "cluster", "hostile").stream().map(s -> s.label("user")).distinct())
        .as("users").hasSize(2).contains("bob")
        .anySatisfy(u -> assertThat(u).startsWith(alice).contains("\uFFFD").doesNotContain("BAD-UTF8"));
    assertThat(e.sum("slurm_account_jobs", "cluster", "hostile", "account", expected(rename.get("physics"), 256)))
        .isPositive();
    assertThat(e.sum("slurm_account_jobs", "cluster", "hostile", "account", expected(rename.get("chemistry"), 256)))
        .isPositive();
    assertThat(e.sum("slurm_partition_cpus_total", "cluster", "hostile", "partition", expected(rename.get("cpu"),
        256))).isEqualTo(32); // c1-c4, 8 CPUs each
    assertThat(e.value("slurm_reservation_active", "cluster", "hostile", "reservation",
        expected(rename.get("resv_alice"), 256))).isEqualTo(1.0);
    assertThat(e.samples("slurm_jobs_pending", "cluster", "hostile").stream().map(s -> s.label("reason")))
        .anySatisfy(r -> assertThat(r).startsWith(expected("Res\"our\\ces\t\uD83D\uDD25", 100)).contains("\uFFFD"));
  }

  /**
   * The documented sanitising rule (docs/metrics.md, LabelValues): control characters to U+FFFD, except tab, CR and
   * LF to a space; lone surrogates to U+FFFD; over {@code max} code points cut to {@code max - 3} plus "...".
   * Written here from that rule, not taken from the code under test.
   */
  static String expected(String raw, int max) {
    StringBuilder b = new StringBuilder();
    raw.codePoints().forEach(cp -> {
      if (cp == '\t' || cp == '\n' || cp == '\r') b.append(' ');
      else if (cp < 0x20 || cp == 0x7f || (cp >= 0xD800 && cp <= 0xDFFF)) b.append('\uFFFD');
      else b.appendCodePoint(cp);
    });
    String s = b.toString();
    if (s.codePointCount(0, s.length()) <= max) return s;
    return s.substring(0, s.offsetByCodePoints(0, max - 3)) + "...";
  }

  // -------------------------------------------------------------------------------------------------------------

  private Exposition serve(String version, UnaryOperator<Object> rewrite) throws Exception {
    return serve(version, rewrite, null);
  }

  /** Serves the rewritten recordings as cluster {@code hostile}; returns the first scrape with every source fetched. */
  private Exposition serve(String version, UnaryOperator<Object> rewrite, String invalidUtf8Marker) throws Exception {
    FixtureResponder recorded = new FixtureResponder(Fixtures.of(version));
    Map<String, Optional<FakeResponse>> rewritten = new java.util.concurrent.ConcurrentHashMap<>();
    Responder responder = request -> rewritten.computeIfAbsent(request.path() + "?" + request.query(), k -> {
      FakeResponse r = recorded.respond(request);
      if (r == null || r.status() != 200 || !r.contentType().equals("application/json") || r.body().length == 0) {
        return Optional.ofNullable(r);
      }
      byte[] body = JsonTree.write(rewrite.apply(JsonTree.parse(r.body())));
      if (invalidUtf8Marker != null) body = invalidUtf8(body, invalidUtf8Marker);
      return Optional.of(FakeResponse.json(body));
    }).orElse(null);
    // rewrite every recorded answer before the exporter starts: the test's own CPU use must not compete with the
    // scrapes whose answer time it checks
    String api = recorded.fixtureSet().apiVersions().stream().max(String::compareTo).orElseThrow();
    for (String file : recorded.fixtureSet().files("rest/" + api + "/")) {
      if (file.contains("-unchanged")) continue; // served only for update_time requests
      String[] parts = file.replace(".json", "").split("/");
      responder.respond(new FakeRequest("GET", "/" + parts[2] + "/" + api + "/" + parts[3], Map.of(), Map.of()));
    }
    Path token = dir.resolve("jwt");
    Files.writeString(token, FaultMatrixTest.VALID);
    try (LogCapture logs = new LogCapture();
        FakeSlurmrestd fake = FakeSlurmrestd.builder().user("slurm").token(FaultMatrixTest.VALID)
            .responder(responder).start();
        ExporterHarness h = ExporterHarness.start(List.of(ExporterHarness.rest("hostile", fake.url(), token,
            Duration.ofSeconds(30))), ExporterHarness.restSources(Duration.ofSeconds(10)))) {
      Exposition e = h.scrapeUntil("a refresh of every source", Duration.ofSeconds(30),
          x -> !x.samples("slurm_exporter_collect_duration_seconds_count", "cluster", "hostile", "source", "nodes")
              .isEmpty());
      HttpResponse<String> raw = h.get("/metrics");
      byte[] bytes = raw.body().getBytes(StandardCharsets.UTF_8);
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)); // strict: throws on malformed input
      Promtool.assertAccepts(bytes);
      Secrets.assertAbsent(List.of(FaultMatrixTest.VALID), h.bodies(), logs.allText(), h.get("/").body());
      return e;
    }
  }

  /** Each marker (a JSON-escaped string) becomes the bytes FF FE C3 28: never valid UTF-8. */
  private static byte[] invalidUtf8(byte[] json, String marker) {
    byte[] escaped = JsonTree.write(marker).clone();
    byte[] needle = java.util.Arrays.copyOfRange(escaped, 1, escaped.length - 1); // without the quotes
    byte[] bad = {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, (byte) 0x28};
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < json.length; ) {
      if (i + needle.length <= json.length
          && java.util.Arrays.equals(json, i, i + needle.length, needle, 0, needle.length)) {
        out.write(bad, 0, bad.length);
        i += needle.length;
      } else {
        out.write(json[i++]);
      }
    }
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
