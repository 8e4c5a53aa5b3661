package io.slurmmetrics.bench;

import java.util.Locale;

/** The line protocol between the forked runs and {@link Bench}: {@code FIGURE <name> <value>} on stdout. */
final class Figures {
  static final String PREFIX = "FIGURE ";

  private Figures() {}

  static void print(String name, double value) {
    System.out.println(PREFIX + name + " " + String.format(Locale.ROOT, "%.3f", value));
  }
}
