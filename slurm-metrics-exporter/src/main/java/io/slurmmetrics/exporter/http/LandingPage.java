package io.slurmmetrics.exporter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** {@code /}: version, each cluster with its health and last refresh, and links. Any other path is a 404. */
final class LandingPage implements HttpHandler {
  private final String version;
  private final String telemetryPath;
  private final ClusterSelection clusters;

  LandingPage(String version, String telemetryPath, ClusterSelection clusters) {
    this.version = version;
    this.telemetryPath = telemetryPath;
    this.clusters = clusters;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/")) {
      Responses.text(exchange, 404, "not found; try / or " + telemetryPath + "\n");
      return;
    }
    Responses.html(exchange, 200, render(Instant.now()));
  }

  String render(Instant now) {
    String path = Responses.escape(telemetryPath);
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>slurm-metrics exporter</title>\n")
        .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.up{color:#080}.down{color:#b00}")
        .append(".wait{color:#a60}</style></head><body>\n")
        .append("<h1>slurm-metrics exporter</h1>\n<p>Version ").append(Responses.escape(version)).append("</p>\n")
        .append("<h2>Clusters</h2>\n<table><tr><th>cluster</th><th>source</th><th>health</th>")
        .append("<th>last refresh</th><th>last error</th><th>metrics</th></tr>\n");
    for (ClusterSelection.View v : clusters.views()) {
      String health = !v.ready() ? "<span class=\"wait\">starting</span>"
          : v.healthy() ? "<span class=\"up\">up</span>" : "<span class=\"down\">degraded</span>";
      String last = v.lastRefresh().map(t -> t + " (" + Duration.between(t, now).toSeconds() + " s ago)")
          .orElse("never");
      String link = path + "?cluster=" + URLEncoder.encode(v.name(), StandardCharsets.UTF_8);
      b.append("<tr><td>").append(Responses.escape(v.name())).append("</td><td>")
          .append(Responses.escape(v.source())).append("</td><td>").append(health).append("</td><td>")
          .append(Responses.escape(last)).append("</td><td>")
          .append(Responses.escape(v.lastError().orElse(""))).append("</td><td><a href=\"")
          .append(Responses.escape(link)).append("\">").append(path).append("?cluster=")
          .append(Responses.escape(v.name())).append("</a></td></tr>\n");
    }
    b.append("</table>\n<h2>Links</h2>\n<ul>\n")
        .append("<li><a href=\"").append(path).append("\">").append(path).append("</a> (all clusters)</li>\n")
        .append("<li><a href=\"/-/healthy\">/-/healthy</a></li>\n")
        .append("<li><a href=\"/-/ready\">/-/ready</a> (")
        .append(clusters.ready() ? "ready" : "waiting for the first refresh").append(")</li>\n")
        .append("</ul>\n</body></html>\n");
    return b.toString();
  }
}
