package dev.vigil.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** The audit trail's knobs: group commit, checkpoint cadence, lease lifetime. */
public final class AuditFactory {

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
   * writes a transaction's pages to its file early once its unsaved changes pass about 19 MB,
   * then again at commit; commits of one 1,000-event request each stay below that and ingest
   * faster. PostgreSQL gains from the larger groups (one COPY, one commit).
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

  /** The group-commit pipeline, closed (after draining) when the server stops. */
  public AppendPipeline buildPipeline(Environment environment, Jdbi jdbi, AuditAppender appender, boolean embedded) {
    int groupEntries = maxGroupEntries != null ? maxGroupEntries : embedded ? 1_000 : 20_000;
    AppendPipeline pipeline = new AppendPipeline(jdbi, appender, writers, groupEntries, Duration.ofSeconds(30));
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() throws Exception {
        pipeline.close();
      }
    });
    return pipeline;
  }
}
