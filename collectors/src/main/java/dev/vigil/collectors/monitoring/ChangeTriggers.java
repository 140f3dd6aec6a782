package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.audit.PendingEntry;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.TriggerKinds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controls a committed change can affect, within moments and without anyone asking.
 * It listens to the audit trail (every change is audited), finds the controls of its catalog
 * that declare each entry's kind ({@link Catalog#triggeredBy}), and coalesces per control and
 * tenant: requests that arrive while a run waits join it, and those that arrive while it runs
 * get one more run after it. Known deadlines (an exception's or a grant's expiry) schedule a
 * run at that moment. Thread-safe.
 */
public final class ChangeTriggers implements BiConsumer<String, List<PendingEntry>>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeTriggers.class);

  /** One control of one tenant: whether a run is waiting, under way, or wanted again after it. */
  private static final class Lane {
    final String tenantId;
    final Control control;
    boolean scheduled;
    boolean running;
    boolean again;

    Lane(String tenantId, Control control) {
      this.tenantId = tenantId;
      this.control = control;
    }
  }

  private final ControlRunner runner;
  private final Catalog catalog;
  private final Duration debounce;
  private final Clock clock;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor;

  /**
   * @param debounce how long a request waits for others to join it before the run starts
   * @param threads how many runs may go at once
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

  /**
   * Hears committed audit entries: requests runs of the controls that declare their kinds, and
   * at the moments the entries name (an exception's or a grant's expiry), of those they affect.
   */
  @Override
  public void accept(String tenantId, List<PendingEntry> entries) {
    for (PendingEntry e : entries) {
      switch (e.kind()) {
        case "exception.approved" ->
            // Any control may be excused: the entry names which, and until when.
            requestAt(tenantId, Set.of(e.data().path("controlId").asText()),
                Instant.parse(e.data().path("expiresAt").asText()));
        case "grant.created" -> {
          String expiresAt = e.data().path("expiresAt").asText(null);
          if (expiresAt != null) {
            requestAt(tenantId, ids(catalog.triggeredBy(TriggerKinds.GRANT_EXPIRED)), Instant.parse(expiresAt));
          }
        }
        default -> { }
      }
    }
    Set<String> controls = affected(catalog, entries);
    if (!controls.isEmpty()) request(tenantId, controls);
  }

  /**
   * The ids of the controls whose result {@code entries} can change at once: those that declare
   * the entries' kinds, those judging actions outside every grant for such an action, and the
   * control an approved or revoked exception excuses.
   */
  public static Set<String> affected(Catalog catalog, List<PendingEntry> entries) {
    Set<String> controls = new LinkedHashSet<>();
    for (PendingEntry e : entries) {
      controls.addAll(ids(catalog.triggeredBy(e.kind())));
      if (e.kind().equals("event") && e.index() != null && e.index().grantId() == null) {
        controls.addAll(ids(catalog.triggeredBy(TriggerKinds.ACTION_OUTSIDE_GRANTS)));
      }
      // Any control may be excused, and an exception ended early: the entry names which.
      if (e.kind().equals("exception.approved") || e.kind().equals("exception.revoked")) {
        controls.add(e.data().path("controlId").asText());
      }
    }
    return controls;
  }

  private static Set<String> ids(List<Control> controls) {
    Set<String> ids = new LinkedHashSet<>();
    for (Control c : controls) ids.add(c.id());
    return ids;
  }

  /**
   * Requests a run of each of {@code controlIds} for the tenant. Requests for a control that
   * is already waiting join that run; one that arrives while it runs gets one more run after.
   */
  public void request(String tenantId, Set<String> controlIds) {
    for (String controlId : controlIds) {
      Control control = catalog.find(controlId).orElse(null);
      if (control == null) continue;
      Lane lane = lanes.computeIfAbsent(tenantId + "\0" + controlId, k -> new Lane(tenantId, control));
      synchronized (lane) {
        if (lane.running) {
          lane.again = true;
        } else if (!lane.scheduled) {
          lane.scheduled = true;
          schedule(lane);
        }
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
    } catch (RejectedExecutionException closed) {
      // shutting down
    }
  }

  private void schedule(Lane lane) {
    try {
      executor.schedule(() -> drain(lane), debounce.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // shutting down: the next start's sweeps will run this control
    }
  }

  /**
   * Runs the lane's control, loading only its own facts: a cheap control (AC-1 reads grants)
   * never waits for a costly one of the same tenant (AC-3 aggregates usage).
   */
  private void drain(Lane lane) {
    synchronized (lane) {
      lane.scheduled = false;
      lane.running = true;
      lane.again = false;
    }
    try {
      runner.run(lane.tenantId, List.of(lane.control), RunTrigger.CHANGE, null);
    } catch (RuntimeException e) {
      LOG.error("change-triggered run of {} failed for tenant {}", lane.control.id(), lane.tenantId, e);
    } finally {
      synchronized (lane) {
        lane.running = false;
        if (lane.again && !lane.scheduled) {
          lane.scheduled = true;
          schedule(lane);
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
