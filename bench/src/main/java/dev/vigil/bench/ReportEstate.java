package dev.vigil.bench;

import dev.vigil.app.config.ControlRuns;
import dev.vigil.collectors.audit.BackfillAppender;
import dev.vigil.collectors.audit.CheckpointDao;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.ReplayClock;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.RunDao;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Evaluation;
import dev.vigil.controls.catalog.Snapshot;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The Type II report's estate (issue 15): a tenant of 200 agents, 20,000 grants and 20
 * vendors whose 18 controls ran every 5 minutes through the period, with 50 deviations and 5
 * million reported actions over 12 months; {@link Plan} scales it down. The directory is
 * {@link Estate}'s. The history is loaded in time order through the service's own code: each
 * run's row, evidence record and {@code control.run} entry are {@link RunRecorder}'s, each
 * action the entry ingest would append, both written by {@link BackfillAppender}, with a
 * checkpoint signed every 50 minutes of their time. Each control's runs repeat one real
 * evaluation of it over the estate at the period's end, its exceptions removed (so it passes);
 * a deviation is a stretch of hours in which one control's runs fail on one subject, its
 * finding opened by the first failing run and resolved by the next passing one, as
 * RunRecorder moves them. Not thread-safe: one build at a time.
 */
final class ReportEstate {

  /** How big the estate is: {@code months} of history, its directory and actions times {@code scale}. */
  record Plan(int months, double scale) {
    int agents() {
      return Math.max(1, (int) Math.round(200 * scale));
    }

    int grants() {
      return Math.max(agents(), (int) Math.round(20_000 * scale));
    }

    int vendors() {
      return Math.max(1, (int) Math.round(20 * scale));
    }

    long actions() {
      return Math.round(5_000_000 * scale * months / 12.0);
    }

    int deviations() {
      return (int) Math.ceil(50 * months / 12.0);
    }

    /** What a built estate is known by, to be reused only by the same plan. */
    String key() {
      return "months=" + months + " scale=" + scale;
    }

    Estate.Size size() {
      return new Estate.Size(agents(), grants(), actions(), vendors());
    }
  }

  /** Every family's schedule in the estate. */
  static final Duration EVERY = Duration.ofMinutes(5);
  private static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(50);
  /** A sweep starts a second after it is due; its runs are recorded 20 ms apart. */
  private static final Duration SWEEP_DELAY = Duration.ofSeconds(1);
  private static final long RUN_MILLIS = 20;
  private static final int BATCH = 5_000;

  private final SweepTenant tenant;
  private final Instant from;
  private final Instant to;

  /** {@code tenant}'s clock stands at the period's end, {@code to}. */
  ReportEstate(SweepTenant tenant, Instant from) {
    this.tenant = tenant;
    this.from = from;
    this.to = tenant.clock().instant();
  }

  /** The tenant's chain begins a day before {@code from}, so that the whole history follows it. */
  static String createTenant(SweepTenant at, Instant from) {
    return Estate.createTenant(at.jdbi(), "Report bench", at.clock(),
        Duration.between(from, at.clock().instant()).plusDays(1));
  }

  /** Fills the tenant; returns the number of runs recorded. */
  long build(Plan plan) throws SQLException {
    Estate estate = new Estate(tenant);
    Estate.Size size = plan.size();
    estate.directory(size);
    estate.analyze();
    ControlRuns runs = ControlRuns.standalone(tenant.jdbi(), tenant.master(), tenant.clock());
    List<Control> controls = runs.catalog().all();
    List<Evaluation> passing = baseline(runs, controls);
    long recorded = history(size, controls, passing, deviations(plan.deviations(), controls, passing));
    statuses(controls);
    estate.analyze();
    return recorded;
  }

  /** Each control evaluated once over the estate at the period's end, its exceptions removed. */
  private List<Evaluation> baseline(ControlRuns runs, List<Control> controls) {
    Snapshot snapshot = runs.loader().load(tenant.id(), Catalog.needs(controls), to);
    return controls.stream().map(c -> {
      Evaluation e = Catalog.evaluate(c, snapshot, to);
      return new Evaluation(e.population(), e.members(), List.of(), e.excused());
    }).toList();
  }

  /** One control failing on one subject over [start, end). */
  private record Stretch(int control, Instant start, Instant end, Deviation deviation) {
    boolean covers(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  /**
   * {@code count} stretches spread evenly over the period, control after control in catalog
   * order, lasting 1 to 12 hours; each fails on a member the control examines (or, for a
   * control that names none, on a group, as its own deviations do).
   */
  private List<Stretch> deviations(int count, List<Control> controls, List<Evaluation> passing) {
    long gap = Duration.between(from, to).toMillis() / count;
    List<Stretch> out = new ArrayList<>();
    for (int j = 0; j < count; j++) {
      int c = j % controls.size();
      Instant start = tick(from.plusMillis(gap * j + gap / 2));
      Duration length = Duration.ofHours(1 + j % 12);
      if (length.toMillis() > gap / 2) length = Duration.ofMillis(gap / 2);
      List<String> members = passing.get(c).members();
      String subject = members.isEmpty() ? "bench group " + j : members.get((j * 7) % members.size());
      out.add(new Stretch(c, start, start.plus(length),
          new Deviation(subject, "bench deviation " + j + " of " + controls.get(c).id())));
    }
    return out;
  }

  private Instant tick(Instant t) {
    long n = Duration.between(from, t).toMillis() / EVERY.toMillis();
    return from.plus(EVERY.multipliedBy(n));
  }

  /** Runs and actions in time order; returns the number of runs. */
  private long history(Estate.Size size, List<Control> controls, List<Evaluation> passing, List<Stretch> stretches) {
    Writer w = new Writer();
    long actionSpan = Duration.between(from, to).minus(EVERY).toMillis();
    long action = 0;
    long runCount = 0;
    Finding[] open = new Finding[controls.size()];
    Stretch[] openStretch = new Stretch[controls.size()];
    ReplayClock runClock = new ReplayClock(from);
    Ids ids = new Ids(runClock);
    for (Instant tick = from; tick.isBefore(to); tick = tick.plus(EVERY)) {
      Instant started = tick.plus(SWEEP_DELAY);
      for (int k = 0; k < controls.size(); k++) {
        Instant finished = started.plusMillis(RUN_MILLIS * (k + 1));
        // Actions stored up to this run's entry go first: the chain's times never go back.
        while (action < size.events()) {
          Instant at = from.plusMillis(action * actionSpan / size.events());
          if (at.plusMillis(40).isAfter(finished)) break;
          w.add(Estate.action(action, at, size), null);
          action++;
        }
        Control control = controls.get(k);
        Stretch failing = null;
        for (Stretch s : stretches) {
          if (s.control() == k && s.covers(tick)) failing = s;
        }
        Evaluation base = passing.get(k);
        Evaluation evaluation = failing == null ? base
            : new Evaluation(base.population(), base.members(), List.of(failing.deviation()), base.excused());
        runClock.moveTo(started);
        String runId = ids.next("run");
        RunDao.RunRow row = RunRecorder.row(tenant.id(), runId, control.info(), RunTrigger.SCHEDULE, tick, EVERY,
            started, finished, evaluation, null);
        int opened = 0;
        int resolved = 0;
        if (failing != null && open[k] == null) {
          open[k] = new Finding(tenant.id(), ids.next("fnd"), control.id(), failing.deviation().subjectId(),
              failing.deviation().detail(), finished, runId, null, null);
          openStretch[k] = failing;
          w.opened.add(open[k]);
          opened = 1;
        } else if (open[k] != null && (failing == null || failing != openStretch[k])) {
          w.resolved.add(new Finding(tenant.id(), open[k].id(), control.id(), open[k].subjectId(), open[k].detail(),
              open[k].openedAt(), open[k].openedRunId(), finished, runId));
          open[k] = null;
          resolved = 1;
        }
        w.add(new BackfillAppender.Dated(finished, RunRecorder.auditEntry(row, opened, resolved, 0)), row);
        runCount++;
      }
      if (tick.getEpochSecond() % 86_400 == 0 && tick.atZone(ZoneId.of("UTC")).getDayOfMonth() == 1) {
        System.out.printf("    history at %s: %,d runs, %,d actions%n", tick, runCount, action);
      }
    }
    while (action < size.events()) {
      w.add(Estate.action(action, from.plusMillis(action * actionSpan / size.events()), size), null);
      action++;
    }
    w.flush(true);
    return runCount;
  }

  /** Each control's status as its last run left it: passing, every stretch having ended. */
  private void statuses(List<Control> controls) {
    tenant.jdbi().useTransaction(h -> {
      RunDao dao = h.attach(RunDao.class);
      for (Control c : controls) {
        dao.insertStatus(tenant.id(), c.id());
        List<String> last = h.createQuery("SELECT id FROM control_runs WHERE tenant_id = :t AND control_id = :c "
            + "ORDER BY started_at DESC LIMIT 1").bind("t", tenant.id()).bind("c", c.id()).mapTo(String.class).list();
        RunDao.Locked locked = dao.lockStatus(tenant.id(), c.id()).orElseThrow();
        if (!last.isEmpty() && locked.lastRunAt() == null) {
          Instant at = dao.run(tenant.id(), last.get(0)).orElseThrow().startedAt();
          dao.updateStatus(tenant.id(), c.id(), "PASSING", last.get(0), at);
        }
      }
    });
  }

  /** Entries gathered for one transaction, with the run rows and findings that go with them. */
  private final class Writer {
    private final BackfillAppender appender = new BackfillAppender();
    private final CheckpointSigner signer = CheckpointSigner.loadOrCreate(tenant.jdbi(), tenant.master(),
        tenant.clock());
    private final List<BackfillAppender.Dated> entries = new ArrayList<>(BATCH);
    /** Each entry's run row, or null for an action. */
    private final List<RunDao.RunRow> rows = new ArrayList<>(BATCH);
    final List<Finding> opened = new ArrayList<>();
    final List<Finding> resolved = new ArrayList<>();
    private Instant nextCheckpoint = from.plus(CHECKPOINT_EVERY);

    void add(BackfillAppender.Dated entry, RunDao.RunRow row) {
      if (!entry.time().isBefore(nextCheckpoint) && !entries.isEmpty()) {
        flush(true);
        while (!entry.time().isBefore(nextCheckpoint)) nextCheckpoint = nextCheckpoint.plus(CHECKPOINT_EVERY);
      }
      entries.add(entry);
      rows.add(row);
      if (entries.size() == BATCH) flush(false);
    }

    void flush(boolean checkpoint) {
      if (entries.isEmpty()) return;
      tenant.jdbi().useTransaction(t -> {
        List<AuditEntry> stored = appender.append(t, tenant.id(), entries);
        List<RunDao.RunRow> runs = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
          if (rows.get(i) == null) continue;
          runs.add(rows.get(i));
          seqs.add(stored.get(i).seq());
        }
        RunDao dao = t.attach(RunDao.class);
        if (!runs.isEmpty()) dao.insertRuns(runs, seqs);
        if (!opened.isEmpty()) dao.insertFindings(opened);
        for (Finding f : resolved) {
          dao.resolveFindings(tenant.id(), List.of(f.id()), f.resolvedAt(), f.resolvedRunId());
        }
        if (checkpoint) {
          AuditEntry head = stored.get(stored.size() - 1);
          Instant issued = head.time().plusSeconds(30);
          String note = signer.signNote(Checkpoint.body(tenant.id(), head.seq(), head.hash(), issued));
          t.attach(CheckpointDao.class).insert(new Checkpoint(tenant.id(), head.seq(), head.hash(), issued, note));
        }
      });
      entries.clear();
      rows.clear();
      opened.clear();
      resolved.clear();
    }
  }
}
