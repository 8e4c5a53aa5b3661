package io.slurmmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixturesTest {
  @TempDir Path dir;

  @Test
  void fixtureSetsAreListedFromAJarToo() throws Exception {
    Path jar = dir.resolve("fixtures.jar");
    String root = "io/slurmmetrics/testkit/jarred/";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String d : new String[] {root, root + "slurm-23.02/", root + "slurm-23.02/rest/",
          root + "slurm-23.02/rest/v0.0.39/", root + "slurm-23.02/rest/v0.0.39/slurm/"}) {
        out.putNextEntry(new JarEntry(d));
        out.closeEntry();
      }
      put(out, root + "slurm-23.02/rest/v0.0.39/slurm/ping.json", "{\"pings\":[]}");
      put(out, root + "slurm-23.02/errors/no-token/status", "401\n");
      put(out, root + "slurm-23.02/errors/no-token/body", "Authentication failure");
      put(out, root + "slurm-25.05/cli/sinfo.json", "{}");
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      SortedMap<String, FixtureSet> sets = Fixtures.load(loader, root);
      assertThat(sets.keySet()).containsExactly("23.02", "25.05");
      FixtureSet set = sets.get("23.02");
      assertThat(set.apiVersions()).containsExactly("v0.0.39");
      assertThat(set.rest("v0.0.39", "slurm", "ping")).hasValueSatisfying(
          b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"pings\":[]}"));
      assertThat(set.errorCase("no-token").orElseThrow().status()).isEqualTo(401);
      assertThat(sets.get("25.05").files()).containsExactly("cli/sinfo.json");
    }
  }

  @Test
  void theRecordedSetsOfTheLabVersionsAreOnTheClasspath() {
    assertThat(Fixtures.versions()).contains("22.05", "24.11", "26.05");
    for (FixtureSet set : Fixtures.all()) {
      assertThat(set.has("PROVENANCE.md")).as(set.toString()).isTrue();
      assertThat(set.apiVersions()).as(set.toString()).isNotEmpty();
      assertThat(set.errorCases()).as(set.toString()).contains("no-token", "unknown-version");
    }
  }

  private static void put(OutputStream out, String name, String content) throws Exception {
    JarOutputStream jar = (JarOutputStream) out;
    jar.putNextEntry(new JarEntry(name));
    jar.write(content.getBytes(StandardCharsets.UTF_8));
    jar.closeEntry();
  }
}
