package dev.vigil.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.app.config.DatabaseFactory.Database;
import dev.vigil.app.health.KeysHealthCheck;
import dev.vigil.app.jobs.CheckpointScheduler;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditListeners;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.Exporter;
import dev.vigil.collectors.crypto.MasterKey;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** The audit trail's knobs: group commit, checkpoint cadence, lease lifetime. */
public final class AuditFactory {

  /**
   * How long a request waits for its group commit: far longer than a commit takes, so that only
   * a database that has stopped answering makes a request fail instead of hanging it forever.
   */
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

  /** Seconds between checkpoint sweeps; each signs a checkpoint for every tenant with new entries. */
  @JsonProperty
  @Min(1)
  @Max(3600)
  private int checkpointIntervalSeconds = 60;

  /** How long a leased credential may be used before the agent should lease again. */
  @JsonProperty
  @Min(10)
  @Max(86400)
  private int leaseTtlSeconds = 900;

  /** How many tenants' group commits may run at once. */
  @JsonProperty
  @Min(1)
  @Max(64)
  private int writers = 4;

  /**
   * The most entries one group commit takes; unset: 1,000 on H2, 20,000 on PostgreSQL. H2
   * writes a transaction's pages to its file early once its unsaved changes pass a fixed size,
   * then again at commit; commits of one 1,000-event request each stay below it and ingest
   * faster (docs/benchmarks.md has the measurements). PostgreSQL gains from the larger groups (one COPY, one commit).
   */
  @JsonProperty
  @Min(1000)
  @Max(100_000)
  private Integer maxGroupEntries;

  public Duration checkpointInterval() {
    return Duration.ofSeconds(checkpointIntervalSeconds);
  }

  public Duration leaseTtl() {
    return Duration.ofSeconds(leaseTtlSeconds);
  }

  /**
   * The audit trail: its appender and listeners, the group-commit pipeline (closed, after
   * draining, when the server stops), the checkpoint key and the schedule that signs
   * checkpoints (started with the server), and the {@code keys} health check.
   */
  public AuditTrail build(Environment environment, Database database, MasterKey masterKey, Clock clock) {
    Jdbi jdbi = database.jdbi();
    AuditListeners listeners = new AuditListeners();
    AuditAppender appender = new AuditAppender(clock, listeners);
    AppendPipeline pipeline = pipeline(jdbi, appender, database.embedded());
    environment.lifecycle().manage(new AutoCloseableManager(pipeline));
    CheckpointSigner signer = CheckpointSigner.loadOrCreate(jdbi, masterKey, clock);
    CheckpointStore checkpoints = new CheckpointStore(jdbi, signer, clock);
    CheckpointScheduler checkpointSchedule = new CheckpointScheduler(checkpoints, checkpointInterval(), clock);
    environment.lifecycle().manage(checkpointSchedule);
    environment.healthChecks().register("keys", new KeysHealthCheck(masterKey, signer));
    AuditLog log = new AuditLog(jdbi);
    return new AuditTrail(appender, listeners, pipeline, log, signer, checkpoints, checkpointSchedule,
        new Exporter(log, checkpoints, clock));
  }

  private AppendPipeline pipeline(Jdbi jdbi, AuditAppender appender, boolean embedded) {
    int groupEntries = maxGroupEntries != null ? maxGroupEntries : embedded ? 1_000 : 20_000;
    return new AppendPipeline(jdbi, appender, writers, groupEntries, COMMIT_WAIT);
  }
}
