package dev.vigil.app.config;

import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.CredentialVault;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.monitoring.ControlRunner;
import dev.vigil.collectors.monitoring.FindingSla;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.SnapshotLoader;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Family;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * What runs controls: the catalog with its parameters, the loader of the facts they read, and
 * the runner that evaluates them for a tenant, records each run as evidence and tells a listener
 * of every status change. The service builds it in {@link ControlsFactory#build}, with its alerts;
 * a benchmark builds the same with {@link #standalone} to time runs over a filled database.
 * Nothing to start or stop; thread-safe.
 */
public record ControlRuns(Catalog catalog, SnapshotLoader loader, ControlRunner runner) {

  /**
   * Runs as the service runs them, with the catalog's default parameters, every family on the
   * default schedule, and no alerts: for a tool that times control runs over {@code jdbi}. The
   * runs are recorded, and audited, like any other.
   *
   * @param masterKey the key of the database's tenant keysets (connections are decrypted to be
   *     checked)
   */
  public static ControlRuns standalone(Jdbi jdbi, MasterKey masterKey, Clock clock) {
    ControlsFactory defaults = new ControlsFactory();
    return standalone(jdbi, masterKey, defaults.parameters(), defaults.findingSla(), defaults.schedules(), clock);
  }

  /**
   * Runs as the service runs them with {@code parameters} and findings due as {@code sla}
   * says, each family recorded as swept every {@code schedules} interval, and no alerts: for
   * replaying a history on a moving clock.
   */
  public static ControlRuns standalone(Jdbi jdbi, MasterKey masterKey, ControlParameters parameters,
      FindingSla sla, Map<Family, Duration> schedules, Clock clock) {
    Ids ids = new Ids(clock);
    AuditAppender appender = new AuditAppender(clock);
    TenantKeysets keysets = new TenantKeysets(jdbi, masterKey, appender, clock);
    ConnectionStore connections = new ConnectionStore(jdbi, appender, keysets, new CredentialVault(), ids, clock);
    CheckpointSigner signer = CheckpointSigner.loadOrCreate(jdbi, masterKey, clock);
    return build(parameters, sla, schedules, jdbi, appender, new AuditLog(jdbi), signer, connections, ids,
        (control, outcome) -> { }, ControlRunner.RunListener.NONE, clock);
  }

  /**
   * @param appender where runs are recorded, as audit entries
   * @param log the chain the logging controls verify, against {@code signer}'s public key
   * @param listener hears of every status change (alerts); must not block or throw
   * @param runs hears of every run recorded (metrics); must not block or throw
   */
  static ControlRuns build(ControlParameters parameters, FindingSla sla, Map<Family, Duration> schedules, Jdbi jdbi,
      AuditAppender appender, AuditLog log, CheckpointSigner signer, ConnectionStore connections, Ids ids,
      ControlRunner.StatusListener listener, ControlRunner.RunListener runs, Clock clock) {
    Catalog catalog = new Catalog(parameters);
    SnapshotLoader loader = new SnapshotLoader(jdbi, connections, log, signer.publicKey(), catalog.parameters(),
        schedules);
    RunRecorder recorder = new RunRecorder(jdbi, appender, ids, sla);
    return new ControlRuns(catalog, loader, new ControlRunner(loader, recorder, listener, runs, clock));
  }
}
