package dev.vigil.app.demo;

import dev.vigil.app.config.ControlRuns;
import dev.vigil.app.config.Stores;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditListeners;
import dev.vigil.collectors.audit.PendingEntry;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.decisions.DecisionStore;
import dev.vigil.collectors.monitoring.FindingSla;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Family;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The service's own stores, control runner and checkpoint signer over one database, all on one
 * clock: what the demo writes its history through, so that every fact of it is validated,
 * audited, tested by the controls and checkpointed exactly as it would be live. Its appends
 * are heard by {@link Changes} only, for the story to run what they affect at once (the
 * service's change triggers run them a moment later, on their own threads); the service's
 * index picks the history up from the database when it starts.
 *
 * @param sweepEvery the schedule interval the history's control runs record
 */
record DemoWorld(Stores stores, ControlRuns runs, CheckpointStore checkpoints, AppendPipeline pipeline,
    Changes changes, Duration sweepEvery) implements AutoCloseable {

  /** The entries committed since the last {@link #drain}, as the service's change triggers hear them. */
  static final class Changes {
    private final List<PendingEntry> heard = new ArrayList<>();

    synchronized void add(List<PendingEntry> entries) {
      heard.addAll(entries);
    }

    synchronized List<PendingEntry> drain() {
      List<PendingEntry> out = List.copyOf(heard);
      heard.clear();
      return out;
    }
  }

  /** Enough for the demo's small batches; the service sizes its own group commit from config. */
  private static final int GROUP_ENTRIES = 1_000;
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

  static DemoWorld on(Jdbi jdbi, MasterKey masterKey, ControlParameters parameters, FindingSla sla, Duration leaseTtl,
      Duration sweepEvery, Clock clock) {
    Changes changes = new Changes();
    AuditListeners listeners = new AuditListeners();
    listeners.add((tenantId, entries) -> changes.add(entries));
    AuditAppender appender = new AuditAppender(clock, listeners);
    AppendPipeline pipeline = new AppendPipeline(jdbi, appender, 1, GROUP_ENTRIES, COMMIT_WAIT);
    Stores stores = Stores.build(jdbi, appender, pipeline, masterKey, leaseTtl, DecisionStore.DEFAULT_VIEW_ENTRIES,
        new Ids(clock), clock);
    Map<Family, Duration> schedules = new EnumMap<>(Family.class);
    for (Family f : Family.values()) schedules.put(f, sweepEvery);
    ControlRuns runs = ControlRuns.standalone(jdbi, masterKey, parameters, sla, schedules, clock);
    CheckpointStore checkpoints = new CheckpointStore(jdbi, CheckpointSigner.loadOrCreate(jdbi, masterKey, clock),
        clock);
    return new DemoWorld(stores, runs, checkpoints, pipeline, changes, sweepEvery);
  }

  @Override
  public void close() throws InterruptedException {
    pipeline.close();
  }
}
