package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.audit.PendingEntry;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controls a committed change can affect, within moments and without anyone asking.
 * It listens to the audit trail (every change is audited), maps each entry's kind to the
 * controls it touches, and coalesces: all requests for a tenant that arrive while a run is
 * waiting or under way are served by one later run. Known deadlines (an exception's or a
 * grant's expiry) schedule a run at that moment. Thread-safe.
 */
public final class ChangeTriggers implements BiConsumer<String, List<PendingEntry>>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeTriggers.class);

  private static final List<String> GRANT_CONTROLS = List.of("AC-1", "AC-2", "AC-3", "AC-4");
  private static final Map<String, List<String>> BY_KIND = Map.ofEntries(
      Map.entry("grant.created", GRANT_CONTROLS),
      Map.entry("grant.revoked", GRANT_CONTROLS),
      Map.entry("access_review.recorded", List.of("AC-1", "AC-2", "AC-3", "AC-4", "AC-5")),
      Map.entry("agent.created", List.of("AC-4", "AC-5")),
      Map.entry("agent.status_changed", List.of("AC-4", "AC-5")),
      Map.entry("user.deactivated", List.of("AC-4")),
      Map.entry("user.reactivated", List.of("AC-4")),
      Map.entry("credential.stored", List.of("EN-1")),
      Map.entry("credentials.reencrypted", List.of("EN-1")),
      Map.entry("keys.created", List.of("EN-1", "EN-2")),
      Map.entry("keys.rotated", List.of("EN-1", "EN-2")),
      Map.entry("connection.created", List.of("EN-3", "VM-3")),
      Map.entry("vendor.created", List.of("VM-1", "VM-2", "VM-3")),
      Map.entry("vendor.updated", List.of("VM-1", "VM-2", "VM-3")),
      Map.entry("vendor.reviewed", List.of("VM-1", "VM-2", "VM-3")),
      Map.entry("incident.opened", List.of("IR-1", "IR-2", "IR-3")),
      Map.entry("incident.updated", List.of("IR-1", "IR-2", "IR-3")));

  /** One tenant's queue: what is pending, and whether a run is scheduled or under way. */
  private static final class Lane {
    final Set<String> pending = new LinkedHashSet<>();
    boolean scheduled;
    boolean running;
  }

  private final ControlRunner runner;
  private final Catalog catalog;
  private final Duration debounce;
  private final Clock clock;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor;

  /**
   * @param debounce how long a request waits for others to join it before the run starts
   * @param threads how many tenants may run at once
   */
  public ChangeTriggers(ControlRunner runner, Catalog catalog, Duration debounce, int threads, Clock clock) {
    this.runner = runner;
    this.catalog = catalog;
    this.debounce = debounce;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newScheduledThreadPool(threads, r -> {
      Thread t = new Thread(r, "vigil-change-runs-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Hears committed audit entries: maps them to controls and requests runs. */
  @Override
  public void accept(String tenantId, List<PendingEntry> entries) {
    Set<String> controls = new LinkedHashSet<>();
    for (PendingEntry e : entries) {
      controls.addAll(BY_KIND.getOrDefault(e.kind(), List.of()));
      switch (e.kind()) {
        case "event" -> {
          if (e.index() != null && e.index().grantId() == null) controls.add("AC-6");
        }
        case "exception.approved" -> {
          String controlId = e.data().path("controlId").asText();
          controls.add(controlId);
          Instant expiresAt = Instant.parse(e.data().path("expiresAt").asText());
          requestAt(tenantId, Set.of(controlId), expiresAt);
        }
        case "grant.created" -> {
          String expiresAt = e.data().path("expiresAt").asText(null);
          if (expiresAt != null) requestAt(tenantId, Set.copyOf(GRANT_CONTROLS), Instant.parse(expiresAt));
        }
        default -> { }
      }
    }
    if (!controls.isEmpty()) request(tenantId, controls);
  }

  /** Requests a run of {@code controlIds} for the tenant, coalesced with any other waiting. */
  public void request(String tenantId, Set<String> controlIds) {
    Lane lane = lanes.computeIfAbsent(tenantId, t -> new Lane());
    synchronized (lane) {
      lane.pending.addAll(controlIds);
      if (!lane.scheduled && !lane.running) {
        lane.scheduled = true;
        schedule(tenantId, debounce);
      }
    }
  }

  /** Requests a run at {@code when} (a deadline that changes a control's outcome), plus a moment. */
  public void requestAt(String tenantId, Set<String> controlIds, Instant when) {
    Duration delay = Duration.between(clock.instant(), when).plusMillis(5);
    if (delay.isNegative()) delay = Duration.ZERO;
    if (delay.compareTo(Duration.ofDays(1)) > 0) return; // the scheduled sweeps will see it
    try {
      executor.schedule(() -> request(tenantId, controlIds), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // shutting down
    }
  }

  private void schedule(String tenantId, Duration delay) {
    try {
      executor.schedule(() -> drain(tenantId), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // shutting down: the next start's sweeps will run these controls
    }
  }

  private void drain(String tenantId) {
    Lane lane = lanes.get(tenantId);
    Set<String> ids;
    synchronized (lane) {
      lane.scheduled = false;
      if (lane.pending.isEmpty()) return;
      ids = Set.copyOf(lane.pending);
      lane.pending.clear();
      lane.running = true;
    }
    try {
      List<Control> controls = catalog.all().stream().filter(c -> ids.contains(c.id())).toList();
      runner.run(tenantId, controls, RunTrigger.CHANGE, null);
    } catch (RuntimeException e) {
      LOG.error("change-triggered run of {} failed for tenant {}", ids, tenantId, e);
    } finally {
      synchronized (lane) {
        lane.running = false;
        if (!lane.pending.isEmpty() && !lane.scheduled) {
          lane.scheduled = true;
          schedule(tenantId, debounce);
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
