package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.audit.PendingEntry;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.TriggerKinds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * get one more run after it. A change that names members (a grant, an agent: {@link ChangeScope})
 * has a memberwise control re-check those members alone ({@link ControlRunner#recheck}), so
 * that detection does not grow with the tenant; coalesced requests re-check the members of all
 * of them, and one that names none runs the control whole. Known deadlines (an exception's or a
 * grant's expiry) schedule a run at that moment. Thread-safe.
 */
public final class ChangeTriggers implements BiConsumer<String, List<PendingEntry>>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeTriggers.class);

  /**
   * One control of one tenant: whether a run is waiting, under way, or wanted again after it,
   * and what the next run covers: the members the waiting requests named, or (null) everything.
   */
  private static final class Lane {
    final String tenantId;
    final Control control;
    boolean scheduled;
    boolean running;
    boolean again;
    boolean wanted;
    ChangeScope scope;

    /** Adds a request to what the next run covers. */
    void want(Optional<ChangeScope> asked) {
      scope = !wanted ? asked.orElse(null) : scope == null || asked.isEmpty() ? null : scope.plus(asked.get());
      wanted = true;
    }

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
            requestAt(tenantId, Map.of(e.data().path("controlId").asText(), Optional.empty()),
                Instant.parse(e.data().path("expiresAt").asText()));
        case "grant.created" -> {
          String expiresAt = e.data().path("expiresAt").asText(null);
          if (expiresAt != null) {
            Optional<ChangeScope> grant = Optional.of(ChangeScope.grant(e.subject()));
            Map<String, Optional<ChangeScope>> expiry = new LinkedHashMap<>();
            for (String id : ids(catalog.triggeredBy(TriggerKinds.GRANT_EXPIRED))) expiry.put(id, grant);
            requestAt(tenantId, expiry, Instant.parse(expiresAt));
          }
        }
        default -> { }
      }
    }
    Map<String, Optional<ChangeScope>> asked = requests(catalog, entries);
    if (!asked.isEmpty()) request(tenantId, asked);
  }

  /** The ids of the controls whose result {@code entries} can change at once; see {@link #requests}. */
  public static Set<String> affected(Catalog catalog, List<PendingEntry> entries) {
    return requests(catalog, entries).keySet();
  }

  /**
   * The controls whose result {@code entries} can change at once, each with the members the
   * entries named for it ({@link ChangeScope}), or empty when one of them named none: the
   * controls that declare the entries' kinds, those judging actions outside every grant for
   * such an action, and the control an approved or revoked exception excuses.
   */
  public static Map<String, Optional<ChangeScope>> requests(Catalog catalog, List<PendingEntry> entries) {
    Map<String, Optional<ChangeScope>> asked = new LinkedHashMap<>();
    for (PendingEntry e : entries) {
      Optional<ChangeScope> scope = ChangeScope.of(e);
      for (String id : ids(catalog.triggeredBy(e.kind()))) want(asked, id, scope);
      if (e.kind().equals("event") && e.index() != null && e.index().grantId() == null) {
        for (String id : ids(catalog.triggeredBy(TriggerKinds.ACTION_OUTSIDE_GRANTS))) want(asked, id, Optional.empty());
      }
      // Any control may be excused, and an exception ended early: the entry names which.
      if (e.kind().equals("exception.approved") || e.kind().equals("exception.revoked")) {
        want(asked, e.data().path("controlId").asText(), Optional.empty());
      }
    }
    return asked;
  }

  /** Adds {@code scope} to what {@code asked} wants of control {@code id}: either naming none makes it whole. */
  private static void want(Map<String, Optional<ChangeScope>> asked, String id, Optional<ChangeScope> scope) {
    asked.merge(id, scope, (a, b) -> a.isPresent() && b.isPresent() ? Optional.of(a.get().plus(b.get()))
        : Optional.empty());
  }

  private static Set<String> ids(List<Control> controls) {
    Set<String> ids = new LinkedHashSet<>();
    for (Control c : controls) ids.add(c.id());
    return ids;
  }

  /**
   * Requests a run of each control of {@code asked} for the tenant, a re-check of the members
   * named or (empty) a whole run. Requests for a control that is already waiting join that run;
   * one that arrives while it runs gets one more run after.
   */
  public void request(String tenantId, Map<String, Optional<ChangeScope>> asked) {
    for (Map.Entry<String, Optional<ChangeScope>> a : asked.entrySet()) {
      Control control = catalog.find(a.getKey()).orElse(null);
      if (control == null) continue;
      Lane lane = lanes.computeIfAbsent(tenantId + "\0" + a.getKey(), k -> new Lane(tenantId, control));
      synchronized (lane) {
        lane.want(a.getValue());
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
  public void requestAt(String tenantId, Map<String, Optional<ChangeScope>> asked, Instant when) {
    Duration delay = Duration.between(clock.instant(), when).plusMillis(5);
    if (delay.isNegative()) delay = Duration.ZERO;
    if (delay.compareTo(Duration.ofDays(1)) > 0) return; // the scheduled sweeps will see it
    try {
      executor.schedule(() -> request(tenantId, asked), delay.toMillis(), TimeUnit.MILLISECONDS);
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
    ChangeScope scope;
    synchronized (lane) {
      lane.scheduled = false;
      lane.running = true;
      lane.again = false;
      scope = lane.scope;
      lane.wanted = false;
      lane.scope = null;
    }
    try {
      if (scope == null) {
        runner.run(lane.tenantId, List.of(lane.control), RunTrigger.CHANGE, null);
      } else {
        runner.recheck(lane.tenantId, lane.control, scope);
      }
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
