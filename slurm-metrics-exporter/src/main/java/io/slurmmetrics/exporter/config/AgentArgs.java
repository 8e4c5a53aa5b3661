package io.slurmmetrics.exporter.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code -javaagent:slurm-metrics-exporter.jar=[host:]port:config.yml} argument, as jmx_exporter's agent takes
 * it: {@code 9341:exporter.yml}, {@code 127.0.0.1:9341:exporter.yml}, {@code [::1]:9341:/etc/exporter.yml}.
 *
 * @param listenAddress where to serve
 * @param configFile    the YAML config (same format as {@code --config.file}); its listen address is overridden
 */
public record AgentArgs(ListenAddress listenAddress, Path configFile) {
  private static final String USAGE = "expected -javaagent:slurm-metrics-exporter.jar=[host:]port:config.yml";

  public AgentArgs {
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(configFile, "configFile");
  }

  public static AgentArgs parse(String args) throws ConfigException {
    if (args == null || args.isBlank()) throw new ConfigException("no agent arguments: " + USAGE);
    String s = args.trim();
    String address;
    String file;
    if (s.startsWith("[")) {
      int close = s.indexOf("]:");
      int sep = close < 0 ? -1 : s.indexOf(':', close + 2);
      if (sep < 0) throw new ConfigException("agent arguments \"" + args + "\": " + USAGE);
      address = s.substring(0, sep);
      file = s.substring(sep + 1);
    } else {
      String[] parts = s.split(":", 3);
      if (parts.length < 2) throw new ConfigException("agent arguments \"" + args + "\": " + USAGE);
      if (parts[0].chars().allMatch(Character::isDigit)) {
        address = ":" + parts[0];
        file = s.substring(parts[0].length() + 1);
      } else {
        if (parts.length < 3) throw new ConfigException("agent arguments \"" + args + "\": " + USAGE);
        address = parts[0] + ":" + parts[1];
        file = parts[2];
      }
    }
    if (file.isBlank()) throw new ConfigException("agent arguments \"" + args + "\": no config file; " + USAGE);
    try {
      return new AgentArgs(ListenAddress.parse(address), Path.of(file));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("agent arguments \"" + args + "\": " + e.getMessage());
    }
  }
}
