package dev.vigil.app.config;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.app.config.DatabaseFactory.Database;
import dev.vigil.app.health.EvidenceHealthCheck;
import dev.vigil.app.health.EvidenceMetrics;
import dev.vigil.app.jobs.ManagedService;
import dev.vigil.app.jobs.ReindexJobs;
import dev.vigil.app.metrics.ServiceMetrics;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.controls.audit.Actor;
import dev.vigil.evidence.docs.EvidenceReader;
import dev.vigil.evidence.follow.ChainFollower;
import dev.vigil.evidence.follow.Reindexer;
import dev.vigil.evidence.lucene.LuceneIndex;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.store.LockObtainFailedException;
import org.jdbi.v3.core.Jdbi;

/**
 * The evidence index: whether this node keeps one, how many tenants are indexed at once, how
 * quickly what is indexed becomes searchable and durable, the cost limits of a search, and how
 * far behind its chain a tenant's index may fall before the health check says so. The index
 * lives in {@code dataDir/index}, one Lucene index per tenant; it is derived data, rebuilt from
 * the chain by {@code POST /api/v1/evidence/reindex} or the {@code reindex} command.
 */
public final class EvidenceFactory {

  /** The audit entry kind that records who asked for a rebuild. */
  public static final String REINDEX_REQUESTED = "evidence.reindex_requested";
  /** What a node that keeps no index answers (503) or prints, followed by where to go instead. */
  public static final String NOT_KEPT = "this node keeps no evidence index (evidence.enabled is false)";
  /** The name of the index's health check. */
  public static final String HEALTH_CHECK = "evidence-index";

  /**
   * Whether this node keeps the evidence index. Every node that keeps one follows every
   * tenant's chain and indexes all of it, whichever node appended it; a node that does not
   * spends none of its CPU on the index (a large share of a decision's, docs/benchmarks.md)
   * and answers evidence searches and rebuilds 503. A service with nodes for decisions sets
   * this false on them and keeps it on the nodes that serve search and the dashboard.
   */
  @JsonProperty
  private boolean enabled = true;

  /** Tenants indexed at once (each tenant by one thread at a time). */
  @JsonProperty
  @Min(1)
  @Max(64)
  private int threads = 2;

  /**
   * How often the chain heads are read. A commit on this node is indexed within
   * {@link #lingerMillis}; this and the linger bound how late one made on another node (or
   * missed) is seen.
   */
  @JsonProperty
  @Min(10)
  @Max(60_000)
  private int pollMillis = 250;

  /**
   * How stale a search may be: it sees everything indexed this long before it began. Readers
   * are refreshed by the searches that need them, so an index nobody searches costs nothing.
   */
  @JsonProperty
  @Min(10)
  @Max(60_000)
  private int refreshMillis = 100;

  /**
   * The least time between two reads of one tenant's chain after this node's commits: the
   * commits of a stream of decisions, hundreds of small groups a second, are indexed together
   * instead of one read each. 0 reads after every commit.
   */
  @JsonProperty
  @Min(0)
  @Max(10_000)
  private int lingerMillis = 50;

  /** How often it is made durable; after a crash each tenant replays its chain from the last commit. */
  @JsonProperty
  @Min(1)
  @Max(3600)
  private int commitSeconds = 5;

  /** Chain entries read from the database at a time. */
  @JsonProperty
  @Min(1)
  @Max(100_000)
  private int batch = 2000;

  /** Lucene's indexing buffer, per tenant index being written. */
  @JsonProperty
  @Min(1)
  @Max(2048)
  private int ramBufferMb = 32;

  /** A search running longer is stopped and answered 400. */
  @JsonProperty
  @Min(100)
  @Max(60_000)
  private int queryTimeoutMillis = 2000;

  /** A tenant whose oldest unindexed entry is older than this makes {@code evidence-index} unhealthy. */
  @JsonProperty
  @Min(1)
  @Max(86_400)
  private int maxLagSeconds = 60;

  /** Whether this node keeps the evidence index. */
  public boolean enabled() {
    return enabled;
  }

  /** Where the index lives. */
  public static Path indexDir(Path dataDir) {
    return dataDir.resolve("index");
  }

  public LuceneIndex.Settings indexSettings() {
    return new LuceneIndex.Settings(ramBufferMb, queryTimeoutMillis, Duration.ofMillis(refreshMillis));
  }

  public ChainFollower.Settings followerSettings() {
    return new ChainFollower.Settings(threads, Duration.ofMillis(pollMillis), Duration.ofSeconds(commitSeconds),
        batch, Duration.ofMillis(lingerMillis));
  }

  public Duration maxLag() {
    return Duration.ofSeconds(maxLagSeconds);
  }

  /**
   * The index in {@code dataDir}, a follower over it (not started) and a rebuilder: what
   * {@link #build} wires into the service, and what the {@code reindex} command uses alone.
   * The caller holds the {@link IndexLock} first.
   */
  public Indexing indexing(Path dataDir, Jdbi jdbi, EvidenceReader.Sources sources, Clock clock) {
    LuceneIndex index = new LuceneIndex(indexDir(dataDir), indexSettings());
    EvidenceReader reader = new EvidenceReader(jdbi, sources);
    ChainFollower follower = new ChainFollower(jdbi, reader, index, followerSettings(), clock);
    return new Indexing(index, follower, new Reindexer(jdbi, reader, index, follower, batch, clock));
  }

  /** The index and what keeps it, closed follower first: it commits what it indexed. */
  public record Indexing(LuceneIndex index, ChainFollower follower, Reindexer reindexer) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      try {
        follower.close();
      } finally {
        index.close();
      }
    }
  }

  /**
   * Sets the evidence index following every tenant's chain: each commit this node makes is
   * indexed within {@link #lingerMillis} (ingest never waits: the listener only queues the
   * tenant), other changes at the next poll. Registers the lifecycle (the follower starts with
   * the server; at stop, running rebuilds end, then the follower commits and closes, then the
   * index), the {@code evidence-index} health check and the lag gauges (Dropwizard's, and
   * {@code metrics}' read at each scrape).
   *
   * @throws IllegalStateException when another process holds the index directory
   */
  public Evidence build(Environment environment, Path dataDir, Database database, AuditTrail audit, Stores stores,
      Monitoring monitoring, ServiceMetrics metrics, Clock clock) {
    if (!enabled) return notKept(environment, metrics);
    IndexLock lock = lock(indexDir(dataDir));
    Indexing indexing = indexing(dataDir, database.jdbi(), sources(stores, monitoring.queries()), clock);
    ChainFollower follower = indexing.follower();
    ReindexJobs jobs = new ReindexJobs(indexing.reindexer()::rebuild,
        (tenantId, actor) -> recordRequest(database.jdbi(), audit.appender(), indexing.index(), tenantId, actor),
        clock);
    audit.listeners().add((tenantId, entries) -> follower.changed(tenantId));
    EvidenceMetrics gauges = new EvidenceMetrics(environment.metrics(), follower::lags);
    metrics.evidenceLag(follower::lags);
    environment.lifecycle().manage(new ManagedService(() -> {
      follower.start();
      gauges.start(followerSettings().poll());
    }, () -> {
      try (lock; indexing; gauges; jobs) {
        // closed in reverse: rebuilds, gauges, follower and index, and last the directory
      }
    }));
    environment.healthChecks().register(HEALTH_CHECK,
        new EvidenceHealthCheck(follower::lags, follower::failures, maxLag()));
    return new Evidence(indexing.index(), Optional.of(jobs));
  }

  /**
   * A node without an index: no directory, no follower, no rebuilds, no lag (the gauges have no
   * tenant); searches and rebuilds refused before anything is recorded; the health check says why.
   */
  private static Evidence notKept(Environment environment, ServiceMetrics metrics) {
    metrics.evidenceLag(List::of);
    environment.healthChecks().register(HEALTH_CHECK, new HealthCheck() {
      @Override
      protected Result check() {
        return Result.healthy(IndexNotKept.WHY);
      }
    });
    return new Evidence(new IndexNotKept(), Optional.empty());
  }

  /** What the index reads current state from, out of the service's stores. */
  static EvidenceReader.Sources sources(Stores stores, ControlQueries controls) {
    return new EvidenceReader.Sources(stores.agents(), stores.grants(), stores.connections(), stores.vendors(),
        stores.incidents(), controls);
  }

  private static IndexLock lock(Path root) {
    try {
      return IndexLock.obtain(root);
    } catch (LockObtainFailedException e) {
      throw new IllegalStateException("the evidence index " + root + " is in use by another process (another "
          + "server, or the reindex command, on this data dir)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the evidence index directory " + root, e);
    }
  }

  /**
   * Records in the tenant's chain who asked for a rebuild and how far the live index reached:
   * a rebuild changes no tenant data, but the trail still shows every request that acts.
   */
  private static void recordRequest(Jdbi jdbi, AuditAppender appender, LuceneIndex index, String tenantId,
      Actor actor) {
    long indexedSeq = index.indexedSeq(tenantId);
    jdbi.useTransaction(h -> appender.append(h, tenantId, actor, REINDEX_REQUESTED, tenantId,
        AuditData.object().put("indexedSeq", indexedSeq)));
  }
}
