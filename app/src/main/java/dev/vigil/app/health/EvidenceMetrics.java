package dev.vigil.app.health;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.vigil.evidence.follow.Lag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * How far the evidence index is behind the chains, as gauges on the admin port's
 * {@code /metrics}: {@code evidence.lag.entries.max} and {@code evidence.lag.seconds.max}
 * for the worst tenant, and {@code evidence.lag.entries.<tenantId>} and
 * {@code evidence.lag.seconds.<tenantId>} for each. The gauges read a snapshot of the lags
 * taken every interval (the follower measures them once a poll anyway); a tenant's own
 * gauges are registered at the first snapshot that holds it, so they appear within an
 * interval of the follower seeing its chain, and stay until the server stops. Thread-safe.
 */
public final class EvidenceMetrics implements AutoCloseable {

  static final String PREFIX = "evidence.lag.";

  private final MetricRegistry registry;
  private final Supplier<List<Lag>> lags;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "evidence-metrics");
    t.setDaemon(true);
    return t;
  });
  private volatile Map<String, Lag> snapshot = Map.of();

  /** Registers the two {@code max} gauges; the tenants' come with {@link #sync}. */
  public EvidenceMetrics(MetricRegistry registry, Supplier<List<Lag>> lags) {
    this.registry = registry;
    this.lags = lags;
    registry.register(PREFIX + "entries.max",
        (Gauge<Long>) () -> snapshot.values().stream().mapToLong(Lag::entries).max().orElse(0));
    registry.register(PREFIX + "seconds.max",
        (Gauge<Double>) () -> snapshot.values().stream().mapToDouble(Lag::seconds).max().orElse(0));
  }

  /** Takes a snapshot every {@code interval}, starting now. */
  public void start(Duration interval) {
    timer.scheduleWithFixedDelay(this::sync, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Takes a snapshot of the lags and registers the gauges of tenants not seen before. */
  void sync() {
    snapshot = lags.get().stream().collect(Collectors.toUnmodifiableMap(Lag::tenantId, Function.identity(),
        (a, b) -> a));
    for (String tenantId : snapshot.keySet()) {
      if (!registered.add(tenantId)) continue;
      registry.register(PREFIX + "entries." + tenantId, (Gauge<Long>) () -> lag(tenantId, Lag::entries).longValue());
      registry.register(PREFIX + "seconds." + tenantId, (Gauge<Double>) () -> lag(tenantId, Lag::seconds));
    }
  }

  private Double lag(String tenantId, ToDoubleFunction<Lag> part) {
    Lag lag = snapshot.get(tenantId);
    return lag == null ? 0.0 : part.applyAsDouble(lag);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
