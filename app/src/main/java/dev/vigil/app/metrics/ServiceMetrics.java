package dev.vigil.app.metrics;

import dev.vigil.collectors.audit.Signing;
import dev.vigil.evidence.follow.Lag;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One service's metrics, on its own registry: the groups that the subsystems feed as they work,
 * and the per-tenant gauges of stored state that each scrape reads. Thread-safe.
 */
public final class ServiceMetrics {

  private final PrometheusRegistry registry;
  private final int tenantLabelsUpTo;
  private final HttpMetrics http;
  private final DataPlaneMetrics dataPlane;
  private final AuditMetrics audit;
  private final ControlMetrics controls;
  private final DeliveryMetrics deliveries;

  /**
   * @param tenantLabelsUpTo the most tenants whose per-tenant gauges carry a {@code tenant}
   *     label; past it only their {@code _max} gauges are shown
   */
  public ServiceMetrics(PrometheusRegistry registry, int tenantLabelsUpTo) {
    this.registry = registry;
    this.tenantLabelsUpTo = tenantLabelsUpTo;
    this.http = new HttpMetrics(registry);
    this.dataPlane = new DataPlaneMetrics(registry);
    this.audit = new AuditMetrics(registry);
    this.controls = new ControlMetrics(registry);
    this.deliveries = new DeliveryMetrics(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public HttpMetrics http() {
    return http;
  }

  public DataPlaneMetrics dataPlane() {
    return dataPlane;
  }

  public AuditMetrics audit() {
    return audit;
  }

  public ControlMetrics controls() {
    return controls;
  }

  public DeliveryMetrics deliveries() {
    return deliveries;
  }

  /** Registers the checkpoint gauges, read from {@code signing} at each scrape. */
  public void checkpoints(Supplier<List<Signing>> signing, Clock clock) {
    registry.register(new TenantGauges<>(signing, Signing::tenantId, tenantLabelsUpTo, List.of(
        new TenantGauges.Gauge<>("vigil_checkpoint_age_seconds",
            "Seconds the oldest entry that no signed checkpoint covers has waited for one (0 when the latest "
                + "checkpoint covers the chain's head)",
            s -> s.oldestUnsignedAt() == null ? 0
                : Math.max(0, Duration.between(s.oldestUnsignedAt(), clock.instant()).toMillis() / 1000.0)),
        new TenantGauges.Gauge<>("vigil_checkpoint_unsigned_entries",
            "Chain entries that no signed checkpoint covers yet", s -> s.unsignedEntries()))));
  }

  /** Registers the evidence index's lag gauges, read from {@code lags} (the follower's last measure) at each scrape. */
  public void evidenceLag(Supplier<List<Lag>> lags) {
    registry.register(new TenantGauges<>(lags, Lag::tenantId, tenantLabelsUpTo, List.of(
        new TenantGauges.Gauge<>("vigil_evidence_index_lag_entries",
            "Chain entries the evidence index has not indexed yet", Lag::entries),
        new TenantGauges.Gauge<>("vigil_evidence_index_lag_seconds",
            "Age in seconds of the oldest chain entry the evidence index has not indexed yet", Lag::seconds))));
  }
}
