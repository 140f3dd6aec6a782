package dev.vigil.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.app.config.DatabaseFactory.Database;
import dev.vigil.app.health.CheckpointSinksHealthCheck;
import dev.vigil.app.health.KeysHealthCheck;
import dev.vigil.app.jobs.CheckpointScheduler;
import dev.vigil.app.jobs.ManagedService;
import dev.vigil.app.metrics.ServiceMetrics;
import dev.vigil.collectors.alerts.RetryPolicy;
import dev.vigil.collectors.alerts.Webhook;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditListeners;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.Exporter;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.sinks.CheckpointPublisher;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The audit trail's knobs: group commit, checkpoint cadence and sinks, lease lifetime, decision view size. */
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

  /**
   * The most (tenant, agent, connection) entries this node's decision view holds in memory
   * (least recently used go first); each is the agent, the connection and the agent's grants on
   * it, about 2 KB with a few grants. A decision whose entry is not held reads it from the
   * database.
   */
  @JsonProperty
  @Min(100)
  @Max(10_000_000)
  private int decisionViewEntries = 50_000;

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

  /** Where each signed checkpoint is copied, outside the database; nothing by default. */
  @JsonProperty
  @Valid
  @NotNull
  private CheckpointSinks checkpointSinks = new CheckpointSinks();

  /**
   * The sinks that get a copy of every signed checkpoint: webhooks (validated as the alerts'
   * are: an http or https URL, a secret of at least 16 characters), an append-only directory of
   * notes, and how many attempts a delivery gets, with doubling backoff between them.
   */
  public static final class CheckpointSinks {
    @JsonProperty
    @Valid
    @NotNull
    private List<ControlsFactory.WebhookFactory> webhooks = new ArrayList<>();

    /** Empty or absent: no directory. */
    @JsonProperty
    private String directory;

    @JsonProperty
    @Min(1)
    @Max(30)
    private int attempts = 10;

    List<Webhook> webhooks() {
      return webhooks.stream().map(ControlsFactory.WebhookFactory::build).toList();
    }

    Optional<Path> directory() {
      return directory == null || directory.isBlank() ? Optional.empty() : Optional.of(Path.of(directory.strip()));
    }

    /**
     * Ten attempts by default, 1 s after the first failure doubling up to 5 min: a receiver or
     * mount that is gone for about ten minutes still gets every checkpoint.
     */
    RetryPolicy retryPolicy() {
      RetryPolicy d = RetryPolicy.defaults();
      return new RetryPolicy(attempts, d.firstDelay(), d.maxDelay(), d.timeout());
    }
  }

  public Duration checkpointInterval() {
    return Duration.ofSeconds(checkpointIntervalSeconds);
  }

  public Duration leaseTtl() {
    return Duration.ofSeconds(leaseTtlSeconds);
  }

  public int decisionViewEntries() {
    return decisionViewEntries;
  }

  /**
   * The audit trail: its appender and listeners, the group-commit pipeline (closed, after
   * draining, when the server stops), the checkpoint key and the schedule that signs
   * checkpoints (started with the server), the publisher that copies each new checkpoint to the
   * configured sinks (started before the schedule, stopped after it), and the {@code keys} and
   * {@code checkpoint-sinks} health checks. {@code metrics} hears of each group commit and
   * sink delivery, and reads how far signing is behind at each scrape.
   */
  public AuditTrail build(Environment environment, Database database, MasterKey masterKey, ServiceMetrics metrics,
      Ids ids, Clock clock) {
    Jdbi jdbi = database.jdbi();
    AuditListeners listeners = new AuditListeners();
    AuditAppender appender = new AuditAppender(clock, listeners);
    AppendPipeline pipeline = pipeline(jdbi, appender, database.embedded(), metrics.audit());
    environment.lifecycle().manage(new AutoCloseableManager(pipeline));
    CheckpointSigner signer = CheckpointSigner.loadOrCreate(jdbi, masterKey, clock);
    CheckpointPublisher sinks = new CheckpointPublisher(jdbi, checkpointSinks.webhooks(), checkpointSinks.directory(),
        checkpointSinks.retryPolicy(), ids, clock, metrics.deliveries());
    environment.lifecycle().manage(new ManagedService(sinks::start, sinks));
    CheckpointStore checkpoints = new CheckpointStore(jdbi, signer, clock, sinks::publish);
    metrics.checkpoints(checkpoints::signing, clock);
    CheckpointScheduler checkpointSchedule = new CheckpointScheduler(checkpoints, checkpointInterval(), clock);
    environment.lifecycle().manage(checkpointSchedule);
    environment.healthChecks().register("keys", new KeysHealthCheck(masterKey, signer));
    environment.healthChecks().register("checkpoint-sinks", new CheckpointSinksHealthCheck(sinks));
    AuditLog log = new AuditLog(jdbi);
    return new AuditTrail(appender, listeners, pipeline, log, signer, checkpoints, checkpointSchedule, sinks,
        new Exporter(log, checkpoints, clock));
  }

  private AppendPipeline pipeline(Jdbi jdbi, AuditAppender appender, boolean embedded,
      AppendPipeline.Listener listener) {
    int groupEntries = maxGroupEntries != null ? maxGroupEntries : embedded ? 1_000 : 20_000;
    return new AppendPipeline(jdbi, appender, writers, groupEntries, COMMIT_WAIT, listener);
  }
}
