package dev.vigil.app.metrics;

import dev.vigil.collectors.alerts.Outbox;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/**
 * How the outboxes' deliveries settle, attempt by attempt: alerts to the control webhooks, and
 * checkpoints to their sinks (webhooks and the notes directory). Thread-safe.
 */
public final class DeliveryMetrics implements Outbox.Listener {

  /** The outboxes' kinds, as {@link Outbox} names them. */
  static final String[] KINDS = {"alert", "checkpoint"};

  private final Counter outcomes;

  DeliveryMetrics(PrometheusRegistry registry) {
    outcomes = Counter.builder().name("vigil_delivery_outcomes_total")
        .help("Delivery attempts of alerts and checkpoints, by kind and outcome (delivered, retrying, failed: "
            + "given up; abandoned: its destination is no longer configured, no attempt made)")
        .labelNames("kind", "outcome").register(registry);
    for (String kind : KINDS) {
      for (Outbox.Settled s : Outbox.Settled.values()) outcomes.initLabelValues(kind, wire(s));
    }
  }

  @Override
  public void settled(String kind, Outbox.Settled outcome) {
    outcomes.labelValues(kind, wire(outcome)).inc();
  }

  private static String wire(Outbox.Settled s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
