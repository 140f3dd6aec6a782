package dev.vigil.app.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What agents ask and report: decisions answered, by allow or deny, and the events and batches
 * ingested. Counted once the answer is committed to the chain, so a refused request counts
 * nowhere here (its status shows in {@link HttpMetrics}). Thread-safe.
 */
public final class DataPlaneMetrics {

  private final Counter decisions;
  private final Counter events;
  private final Counter batches;

  DataPlaneMetrics(PrometheusRegistry registry) {
    decisions = Counter.builder().name("vigil_decisions_total")
        .help("Authorization decisions committed to the audit chain, by decision (allow or deny)")
        .labelNames("decision").register(registry);
    decisions.initLabelValues("allow");
    decisions.initLabelValues("deny");
    events = Counter.builder().name("vigil_ingest_events_total")
        .help("Agent events ingested and committed to the audit chain").register(registry);
    batches = Counter.builder().name("vigil_ingest_batches_total")
        .help("Ingest requests accepted (each a batch of events committed together)").register(registry);
  }

  public void decided(boolean allowed) {
    decisions.labelValues(allowed ? "allow" : "deny").inc();
  }

  public void ingested(int accepted) {
    batches.inc();
    events.inc(accepted);
  }
}
