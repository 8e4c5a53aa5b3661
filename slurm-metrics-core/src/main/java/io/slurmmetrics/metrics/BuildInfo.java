package io.slurmmetrics.metrics;

/** Our own version, from the jar manifest; {@code dev} when running from classes (tests, IDE). */
public final class BuildInfo {
  private static final String VERSION = find();

  private BuildInfo() {}

  /** This library's version, as {@code slurm_exporter_build_info} reports it. */
  public static String version() {
    return VERSION;
  }

  private static String find() {
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "dev" : v;
  }
}
