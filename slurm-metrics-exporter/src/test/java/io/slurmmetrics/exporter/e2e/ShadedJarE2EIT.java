package io.slurmmetrics.exporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The packaged jar: runnable, usable as an agent, and nothing third-party under its own name. */
@Tag("e2e")
class ShadedJarE2EIT {
  @Test
  void manifestNamesTheMainAndAgentClasses() throws Exception {
    try (JarFile jar = new JarFile(ExporterProcess.jar().toFile())) {
      Attributes a = jar.getManifest().getMainAttributes();
      assertThat(a.getValue("Main-Class")).isEqualTo("io.slurmmetrics.exporter.Main");
      assertThat(a.getValue("Premain-Class")).isEqualTo("io.slurmmetrics.exporter.Agent");
      assertThat(a.getValue("Agent-Class")).isEqualTo("io.slurmmetrics.exporter.Agent");
      assertThat(a.getValue("Implementation-Version")).isNotBlank();
    }
  }

  @Test
  void everyClassIsOursOrRelocatedUnderOurPackage() throws Exception {
    List<String> foreign = new ArrayList<>();
    int relocated = 0;
    try (JarFile jar = new JarFile(ExporterProcess.jar().toFile())) {
      for (JarEntry e : java.util.Collections.list(jar.entries())) {
        String name = e.getName();
        if (!name.endsWith(".class")) continue;
        if (name.startsWith("io/slurmmetrics/shaded/")) {
          relocated++;
        } else if (!name.startsWith("io/slurmmetrics/")) {
          foreign.add(name);
        }
      }
      assertThat(jar.getEntry("io/slurmmetrics/shaded/io/prometheus/metrics/model/registry/PrometheusRegistry.class"))
          .isNotNull();
      assertThat(jar.getEntry("io/slurmmetrics/shaded/okhttp3/OkHttpClient.class")).isNotNull();
      assertThat(jar.getEntry("META-INF/maven/io.slurmmetrics/slurm-metrics-exporter/pom.xml")).isNull();
    }
    assertThat(foreign).as("classes a host application could also have").isEmpty();
    assertThat(relocated).isGreaterThan(1000);
  }
}
