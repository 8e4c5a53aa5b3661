package io.slurmmetrics.exporter.e2e;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;

/**
 * A tiny host application with its own client_java, default registry and HTTP server, for the agent tests. It runs
 * until its standard input closes, then exits 0.
 */
public final class HostApp {
  private HostApp() {}

  public static void main(String[] args) throws Exception {
    Counter work = Counter.builder().name("host_work_total").help("Work the host did.").register();
    work.inc();
    try (HTTPServer server = HTTPServer.builder().port(Integer.parseInt(args[0])).buildAndStart()) {
      System.out.println("host app ready on " + server.getPort());
      while (System.in.read() != -1) {
        work.inc();
      }
    }
    System.out.println("host app done");
  }
}
