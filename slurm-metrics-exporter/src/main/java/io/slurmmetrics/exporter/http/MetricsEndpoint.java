package io.slurmmetrics.exporter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;

/**
 * The telemetry path: checks {@code ?cluster=} (unknown name: 404 naming the known ones) and hands the exchange to
 * the metrics handler ({@link CachedMetricsHandler}), whose collectors read the same parameter from the scrape request.
 */
final class MetricsEndpoint implements HttpHandler {
  private final HttpHandler metrics;
  private final ClusterSelection clusters;

  MetricsEndpoint(HttpHandler metrics, ClusterSelection clusters) {
    this.metrics = metrics;
    this.clusters = clusters;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    List<String> wanted = ExporterServer.queryValues(exchange, ExporterServer.CLUSTER_PARAM);
    if (wanted.size() > 1) {
      Responses.text(exchange, 400, "give ?cluster= once; to scrape several clusters leave it out\n");
      return;
    }
    if (wanted.size() == 1 && !clusters.knows(wanted.get(0))) {
      List<String> known = clusters.views().stream().map(ClusterSelection.View::name).toList();
      Responses.text(exchange, 404, "unknown cluster \"" + wanted.get(0) + "\"; this exporter serves: "
          + String.join(", ", known) + "\n");
      return;
    }
    metrics.handle(exchange);
  }
}
