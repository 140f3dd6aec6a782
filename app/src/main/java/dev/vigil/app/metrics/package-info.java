/**
 * The operator's metrics: one {@link io.prometheus.metrics.model.registry.PrometheusRegistry}
 * per service (never the static default, so that several services in one JVM keep their own
 * numbers), served as Prometheus text on the admin port at {@code /metrics/prometheus}.
 * Counters and histograms are fed by the code that does the work, through the listeners the
 * collectors module declares; gauges of stored state are read at each scrape. docs/operations.md
 * lists every metric.
 */
package dev.vigil.app.metrics;
