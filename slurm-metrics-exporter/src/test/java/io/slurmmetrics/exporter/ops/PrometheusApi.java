package io.slurmmetrics.exporter.ops;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Just enough of Prometheus' HTTP API for the end-to-end test: instant queries, targets, rules, federation. */
final class PrometheusApi {
  /** One sample of an instant vector. */
  record Sample(Map<String, String> labels, double value) {}

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  PrometheusApi(String base) {
    this.base = base;
  }

  /** GET a path; returns the status and the body, or status -1 when nothing answers yet. */
  static Response get(HttpClient http, String url) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
          .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Response(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  record Response(int status, String body) {}

  Response get(String pathAndQuery) {
    return get(http, base + pathAndQuery);
  }

  /** An instant query's vector result; fails on an error answer. */
  @SuppressWarnings("unchecked")
  List<Sample> query(String promql) {
    Map<String, Object> data = data(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)),
        promql);
    List<Sample> out = new ArrayList<>();
    for (Object r : (List<Object>) data.get("result")) {
      Map<String, Object> result = (Map<String, Object>) r;
      List<Object> value = (List<Object>) result.get("value");
      out.add(new Sample((Map<String, String>) result.get("metric"), parse((String) value.get(1))));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> activeTargets() {
    return (List<Map<String, Object>>) data(get("/api/v1/targets"), "targets").get("activeTargets");
  }

  /** Every rule of every group, as the rules API reports them (name, health, lastError, lastEvaluation). */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> rules() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object g : (List<Object>) data(get("/api/v1/rules"), "rules").get("groups")) {
      out.addAll((List<Map<String, Object>>) ((Map<String, Object>) g).get("rules"));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Response r, String what) {
    if (r.status() != 200) throw new AssertionError("Prometheus answered " + r.status() + " to " + what + ": " + r.body());
    try {
      Map<String, Object> body = (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
          .fromJson(r.body());
      if (!"success".equals(body.get("status"))) throw new AssertionError("Prometheus error for " + what + ": " + body);
      return (Map<String, Object>) body.get("data");
    } catch (IOException e) {
      throw new AssertionError("Prometheus sent bad JSON for " + what + ": " + r.body(), e);
    }
  }

  private static double parse(String v) {
    return switch (v) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }
}
