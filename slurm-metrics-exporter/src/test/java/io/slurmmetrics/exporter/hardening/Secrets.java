package io.slurmmetrics.exporter.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** The token check: neither a whole token nor its signature (the secret part of a JWT) may appear anywhere. */
final class Secrets {
  private Secrets() {}

  static void assertAbsent(List<String> tokens, List<String> bodies, String logs, String landingPage) {
    List<String> needles = new ArrayList<>();
    for (String t : tokens) {
      needles.add(t);
      int dot = t.lastIndexOf('.');
      if (dot > 0) needles.add(t.substring(dot + 1));
    }
    for (String needle : needles) {
      for (String body : bodies) assertThat(body).as("a served body").doesNotContain(needle);
      assertThat(logs).as("the log").doesNotContain(needle);
      assertThat(landingPage).as("the landing page").doesNotContain(needle);
    }
  }
}
