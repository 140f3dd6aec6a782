package dev.vigil.app.metrics;

import dev.vigil.collectors.audit.AppendPipeline;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The data plane's group commit: how many entries each group held, and how long its
 * transaction took, by whether it committed. Thread-safe.
 */
public final class AuditMetrics implements AppendPipeline.Listener {

  private final Histogram groupEntries;
  private final Histogram commitSeconds;

  AuditMetrics(PrometheusRegistry registry) {
    groupEntries = Histogram.builder().name("vigil_audit_group_entries")
        .help("Entries per group commit of the data plane (decisions and events)")
        .classicUpperBounds(1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
        .classicOnly().register(registry);
    commitSeconds = Histogram.builder().name("vigil_audit_commit_duration_seconds")
        .help("Seconds a group commit's transaction took, by outcome (committed or failed)")
        .labelNames("outcome")
        .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
        .classicOnly().register(registry);
    commitSeconds.initLabelValues("committed");
    commitSeconds.initLabelValues("failed");
  }

  @Override
  public void group(int entries, long nanos, boolean committed) {
    groupEntries.observe(entries);
    commitSeconds.labelValues(committed ? "committed" : "failed").observe(nanos / 1e9);
  }
}
