package io.slurmmetrics.exporter.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@link HostApp} in its own JVM with the exporter jar as {@code -javaagent}. */
final class AgentHost {
  private AgentHost() {}

  /**
   * The host's class path: the compiled test classes and client_java's jars only, as a real application would have
   * its own client_java, and never our unshaded modules.
   */
  static String hostClassPath() {
    List<String> keep = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String unix = entry.replace(File.separatorChar, '/');
      if (unix.contains("/io/prometheus/") || unix.endsWith("test-classes") || unix.endsWith("test-classes/")) {
        keep.add(entry);
      }
    }
    return String.join(File.pathSeparator, keep);
  }

  static ExporterProcess start(Path dir, int hostPort, String agentArgs) throws IOException {
    List<String> cmd = List.of(ExporterProcess.java().toString(), "-Xmx256m",
        "-javaagent:" + ExporterProcess.jar() + "=" + agentArgs, "-cp", hostClassPath(),
        HostApp.class.getName(), Integer.toString(hostPort));
    return ExporterProcess.start(dir, hostPort, Map.of(), cmd);
  }
}
