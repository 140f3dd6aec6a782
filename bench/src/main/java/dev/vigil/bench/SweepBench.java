package dev.vigil.bench;

import dev.vigil.app.config.ControlRuns;
import dev.vigil.app.config.ControlsFactory;
import dev.vigil.collectors.audit.AuditListeners;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.monitoring.ChangeTriggers;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.controls.audit.Actor;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.monitoring.ControlScheduler;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.collectors.monitoring.SnapshotDao;
import dev.vigil.collectors.usage.UsageRollups;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.catalog.LeastPrivilegeControls;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The full-sweep benchmark over an {@link Estate}: times {@code GET /events}' store queries,
 * then every control of the catalog, with the same loaders, evaluation and recording the
 * service uses. Not thread-safe.
 */
final class SweepBench {

  /** What one family's run took and found. */
  record FamilyTime(Family family, double seconds, String results) {}

  private final SweepTenant tenant;

  SweepBench(SweepTenant tenant) {
    this.tenant = tenant;
  }

  /** Latencies of one kind of event query, in ms. */
  record QueryTimes(String kind, double p50, double p95, double max, double meanRows) {}

  /**
   * Times {@code GET /events}' store queries over the filled estate: "what did this agent do
   * between 14:00 and 17:00 that day", the same for a connection, and every action in such a
   * window (first page of 100), each for {@code rounds} random agents, connections and days.
   */
  List<QueryTimes> eventQueries(Estate.Size size, int rounds) throws Exception {
    Random random = new Random(7);
    AuditAppender audit = new AuditAppender(tenant.clock());
    try (AppendPipeline unused = new AppendPipeline(tenant.jdbi(), audit, 1, 1_000, Duration.ofSeconds(5))) {
      EventStore events = new EventStore(tenant.jdbi(), unused, tenant.clock());
      Instant today = tenant.clock().instant().truncatedTo(ChronoUnit.DAYS);
      List<QueryTimes> out = new ArrayList<>();
      for (String kind : List.of("agent", "connection", "tenant")) {
        double[] ms = new double[rounds];
        long rows = 0;
        for (int i = 0; i < rounds; i++) {
          Instant from = today.minus(Duration.ofDays(1 + random.nextInt(28))).plus(Duration.ofHours(14));
          EventStore.Query q = switch (kind) {
            case "agent" -> new EventStore.Query(Estate.agent(random.nextInt(size.agents())), null, null, from,
                from.plus(Duration.ofHours(3)));
            case "connection" -> new EventStore.Query(null,
                Estate.connection(random.nextInt(Math.min(Estate.CONNECTIONS, Math.max(1, size.grants() / size.agents())))),
                null, from, from.plus(Duration.ofHours(3)));
            default -> new EventStore.Query(null, null, null, from, from.plus(Duration.ofHours(3)));
          };
          long t0 = System.nanoTime();
          rows += events.query(tenant.id(), q, 0, 100).size();
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        out.add(new QueryTimes(kind, ms[rounds / 2], ms[(int) Math.ceil(rounds * 0.95) - 1], ms[rounds - 1],
            (double) rows / rounds));
      }
      return out;
    }
  }

  /** Runs every control family once, in catalog order, and times each, wired as the service wires them. */
  List<FamilyTime> sweep() {
    ControlRuns runs = ControlRuns.standalone(tenant.jdbi(), tenant.master(), tenant.clock());
    return Arrays.stream(Family.values()).map(f -> family(runs, f)).toList();
  }

  /** A sweep with the families on as many threads as the scheduler's pool has, as the service runs them. */
  record Concurrent(double wallSeconds, List<FamilyTime> families) {}

  /** Runs every control family once, {@link ControlScheduler#THREADS} at a time, each family timed on its own. */
  Concurrent concurrentSweep() throws Exception {
    ControlRuns runs = ControlRuns.standalone(tenant.jdbi(), tenant.master(), tenant.clock());
    ExecutorService pool = Executors.newFixedThreadPool(ControlScheduler.THREADS);
    try {
      long t0 = System.nanoTime();
      List<Future<FamilyTime>> futures = new ArrayList<>();
      for (Family f : Family.values()) futures.add(pool.submit(() -> family(runs, f)));
      List<FamilyTime> out = new ArrayList<>();
      for (Future<FamilyTime> f : futures) out.add(f.get());
      return new Concurrent((System.nanoTime() - t0) / 1e9, out);
    } finally {
      pool.shutdown();
    }
  }

  private FamilyTime family(ControlRuns runs, Family f) {
    long t0 = System.nanoTime();
    List<RunRecorder.Outcome> outcomes = runs.runner().run(tenant.id(), runs.catalog().family(f), RunTrigger.MANUAL,
        null);
    double seconds = (System.nanoTime() - t0) / 1e9;
    StringBuilder results = new StringBuilder();
    for (RunRecorder.Outcome o : outcomes) {
      results.append(results.isEmpty() ? "" : ", ").append(o.run().controlId()).append(' ')
          .append(o.run().result().wire()).append(" (").append(o.run().population()).append(" examined, ")
          .append(o.run().exceptionCount()).append(" exceptions)");
    }
    return new FamilyTime(f, seconds, results.toString());
  }

  /** What building or catching up the usage rollups took. */
  record RollupTime(double seconds, UsageRollups.CatchUp what) {}

  /** Recomputes the tenant's usage rollups from its whole chain. */
  RollupTime rebuildRollups() {
    long t0 = System.nanoTime();
    UsageRollups.CatchUp c = new UsageRollups(tenant.jdbi()).rebuild(tenant.id(), tenant.clock().instant());
    return new RollupTime((System.nanoTime() - t0) / 1e9, c);
  }

  /** Folds the entries appended since the rollups' watermark, as the least-privilege loader does first. */
  RollupTime catchUpRollups() {
    long t0 = System.nanoTime();
    UsageRollups.CatchUp c = new UsageRollups(tenant.jdbi()).catchUp(tenant.id(), tenant.clock().instant());
    return new RollupTime((System.nanoTime() - t0) / 1e9, c);
  }

  /**
   * The usage facts read both ways in the same run: the rollups' answers, and the set-based
   * queries over the chain they replace (the baseline), each timed, and whether they agree.
   */
  record UsageCheck(double rollupSeconds, double scanSeconds, boolean lastUseEqual, boolean examinedEqual,
      boolean outsideEqual, int grantsUsed, long examined, int outsideGroups) {}

  /** Reads AC-3's and AC-6's facts at the default windows ending now from the rollups and by scanning the chain. */
  UsageCheck checkUsage() {
    Instant now = tenant.clock().instant();
    Instant month = now.minus(Duration.ofDays(LeastPrivilegeControls.UNUSED_GRANT_DAYS.defaultValue()));
    Instant day = now.minus(Duration.ofHours(LeastPrivilegeControls.ACTION_LOOKBACK_HOURS.defaultValue()));
    UsageRollups usage = new UsageRollups(tenant.jdbi());
    return tenant.jdbi().withHandle(h -> {
      long t0 = System.nanoTime();
      Map<String, Instant> lastUse = usage.grantLastUse(h, tenant.id(), month);
      long examined = usage.actionsSince(h, tenant.id(), day);
      List<SnapshotDao.OutsideRow> outside = usage.actionsOutsideGrants(h, tenant.id(), day);
      long t1 = System.nanoTime();
      SnapshotDao scan = h.attach(SnapshotDao.class);
      Map<String, Instant> scannedLastUse = new HashMap<>();
      scan.grantLastUse(tenant.id(), month).forEach(k -> scannedLastUse.put(k.key(), k.at()));
      long scannedExamined = scan.actionsSince(tenant.id(), day);
      List<SnapshotDao.OutsideRow> scannedOutside = scan.actionsOutsideGrants(tenant.id(), day);
      long t2 = System.nanoTime();
      return new UsageCheck((t1 - t0) / 1e9, (t2 - t1) / 1e9, lastUse.equals(scannedLastUse),
          examined == scannedExamined, outside.equals(scannedOutside), lastUse.size(), examined, outside.size());
    });
  }

  /** How long a change took to show: the wildcard grant's finding opening, and resolving once revoked (ms). */
  record Detection(List<Double> failing, List<Double> resolved) {}

  /**
   * Times what an admin sees on the estate's tenant: from a wildcard grant's creation
   * committing to AC-1's finding about it being open, then from its revocation to that finding
   * resolving, {@code rounds} times, with the change triggers wired as the service wires them
   * (after the sweep, so AC-1 has a status to start from). The clock is the bench's real one.
   */
  Detection grantToFailing(int rounds) throws Exception {
    AuditListeners listeners = new AuditListeners();
    AuditAppender audit = new AuditAppender(tenant.clock(), listeners);
    ControlRuns runs = ControlRuns.standalone(tenant.jdbi(), tenant.master(), tenant.clock());
    GrantStore grants = new GrantStore(new AuditedWrites(tenant.jdbi(), audit, new Ids(tenant.clock()),
        tenant.clock()));
    ControlsFactory defaults = new ControlsFactory();
    List<Double> failing = new ArrayList<>();
    List<Double> resolved = new ArrayList<>();
    try (ChangeTriggers triggers = new ChangeTriggers(runs.runner(), runs.catalog(), defaults.changeDebounce(), 2,
        tenant.clock())) {
      listeners.add(triggers);
      Actor admin = Actor.system("bench");
      for (int i = 0; i < rounds; i++) {
        String agent = Estate.agent(i);
        long t0 = System.nanoTime();
        String grant = grants.create(tenant.id(), admin, agent, new GrantStore.NewGrant(Estate.connection(0),
            List.of("*"), "bench", Estate.user(i), Estate.user(i + 1), null)).id();
        awaitFinding(grant, FindingStatus.OPEN);
        failing.add((System.nanoTime() - t0) / 1e6);
        long t1 = System.nanoTime();
        grants.revoke(tenant.id(), admin, agent, grant);
        awaitFinding(grant, FindingStatus.RESOLVED);
        resolved.add((System.nanoTime() - t1) / 1e6);
      }
    }
    failing.sort(null);
    resolved.sort(null);
    return new Detection(failing, resolved);
  }

  private void awaitFinding(String grantId, FindingStatus status) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean there = tenant.jdbi().withHandle(h -> h.createQuery("""
          SELECT COUNT(*) FROM findings
          WHERE tenant_id = :tenantId AND control_id = 'AC-1' AND subject_id = :grantId AND status = :status
          """).bind("tenantId", tenant.id()).bind("grantId", grantId).bind("status", status.name())
          .mapTo(Long.class).one() > 0);
      if (there) return;
      Thread.sleep(2);
    }
    throw new IllegalStateException("AC-1's finding about " + grantId + " was not " + status.wire() + " within 60 s");
  }
}
