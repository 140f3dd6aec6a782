package dev.vigil.app.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * API requests by route template, method and status class: their latency as a histogram, and so
 * their rate (its {@code _count}). Labelled by the matched template, never the raw path, so the
 * series stay as few as the API's routes. Thread-safe.
 */
public final class HttpMetrics {

  /** The route label of a request that matched no resource. */
  public static final String UNMATCHED = "unmatched";

  private final Histogram duration;

  HttpMetrics(PrometheusRegistry registry) {
    duration = Histogram.builder().name("vigil_http_request_duration_seconds")
        .help("API requests, by route template, method and status class: seconds from the request "
            + "being read to its response being written")
        .labelNames("method", "route", "status").classicOnly().register(registry);
  }

  /** Records one request; {@code route} is its template, or {@code null} when none matched. */
  public void observe(String method, String route, int status, long nanos) {
    duration.labelValues(method, route == null ? UNMATCHED : route, statusClass(status)).observe(nanos / 1e9);
  }

  static String statusClass(int status) {
    return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
  }
}
