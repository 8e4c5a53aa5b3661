package io.slurmmetrics.exporter.hardening;

import io.slurmmetrics.testkit.lab.SlurmLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops and starts one daemon of a lab cluster, only through {@code scripts/slurm-lab daemon VERSION stop|start
 * slurmctld|slurmdbd|slurmrestd}, for the lab that the env file describes (its directory and instance are read back
 * from the env file: the token lives in {@code $SLURM_LAB_DIR/<version>/token}, and instance N moves 22.05's
 * slurmrestd to port 16820 + 1000 N and the chroot clusters to 10.(241 + N).x.x).
 */
final class LabDaemons {
  private static final Pattern CHROOT_IP = Pattern.compile("//10\\.(\\d+)\\.");
  private static final Pattern NATIVE_PORT = Pattern.compile(":(\\d+)$");

  private final Path script;
  private final Path labDir;
  private final int instance;

  LabDaemons(SlurmLab.Cluster cluster) {
    this.script = findScript();
    this.labDir = cluster.tokenFile().getParent().getParent();
    this.instance = instanceOf(cluster.restUrl());
  }

  static int instanceOf(String restUrl) {
    Matcher ip = CHROOT_IP.matcher(restUrl);
    if (ip.find()) return Integer.parseInt(ip.group(1)) - 241;
    Matcher port = NATIVE_PORT.matcher(restUrl);
    if (port.find()) return (Integer.parseInt(port.group(1)) - 16820) / 1000;
    throw new IllegalStateException("cannot tell the lab instance from " + restUrl);
  }

  void stop(String version, String daemon) {
    run(version, "stop", daemon);
  }

  void start(String version, String daemon) {
    run(version, "start", daemon);
  }

  private void run(String version, String action, String daemon) {
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of(script.toString(), "daemon", version, action, daemon))
          .redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("SLURM_LAB_DIR", labDir.toString());
      env.put("SLURM_LAB_INSTANCE", Integer.toString(instance));
      env.put("SLURM_LAB_ENV", SlurmLab.envFile().toString());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("slurm-lab daemon " + version + " " + action + " " + daemon + " hung");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("slurm-lab daemon " + version + " " + action + " " + daemon + " failed ("
            + p.exitValue() + "):\n" + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Path findScript() {
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path s = d.resolve("scripts/slurm-lab");
      if (Files.isExecutable(s)) return s;
    }
    throw new IllegalStateException("scripts/slurm-lab not found above " + Paths.get("").toAbsolutePath());
  }
}
