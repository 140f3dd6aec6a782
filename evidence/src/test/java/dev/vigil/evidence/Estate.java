package dev.vigil.evidence;

import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.decisions.DecisionStore;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.FindingFilter;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlRunner;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.collectors.monitoring.SnapshotLoader;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.ReviewOutcome;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.Severity;
import dev.vigil.evidence.docs.EvidenceReader;
import dev.vigil.evidence.follow.ChainFollower;
import dev.vigil.evidence.lucene.LuceneIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.jdbi.v3.core.Jdbi;

/**
 * A database with the stores, ingest, decisions and controls wired as the service wires them,
 * and an evidence index with its follower over it: what the evidence tests fill and search.
 */
final class Estate implements AutoCloseable {

  static final Actor ADMIN = new Actor("token", "tok_test");
  static final Instant BASE = Instant.parse("2026-11-26T12:00:00Z");
  static final LuceneIndex.Settings INDEX = new LuceneIndex.Settings(16, 2_000, Duration.ofMillis(50));
  static final ChainFollower.Settings FOLLOW = new ChainFollower.Settings(2, Duration.ofMillis(100),
      Duration.ofMillis(200), 500, Duration.ofMillis(50));
  private static final Map<Family, Duration> SCHEDULES = Map.of(Family.LEAST_PRIVILEGE, Duration.ofMinutes(5),
      Family.ENCRYPTION, Duration.ofMinutes(5), Family.LOGGING, Duration.ofMinutes(5),
      Family.VENDORS, Duration.ofMinutes(5), Family.INCIDENTS, Duration.ofMinutes(5));

  final TestDb db;
  /** Pooled connections to PostgreSQL, as the service has (TestDb's H2 is pooled already). */
  private final DataSource pool;
  final Jdbi jdbi;
  final MutableClock clock = new MutableClock(BASE);
  final TestStores stores;
  final AppendPipeline pipeline;
  final EventStore events;
  final DecisionStore decisions;
  final Catalog catalog = new Catalog(ControlParameters.defaults());
  final ControlRunner runner;
  final ControlQueries queries;
  final EvidenceReader reader;
  final Path indexDir = TempDirs.create("vigil-index");
  LuceneIndex index;
  ChainFollower follower;

  Estate(TestDb.Kind kind) {
    db = TestDb.of(kind);
    pool = kind == TestDb.Kind.POSTGRES ? pool(db.url(), db.user()) : null;
    jdbi = pool == null ? db.jdbi() : Jdbis.configure(Jdbi.create(pool));
    stores = TestStores.on(jdbi, clock);
    pipeline = new AppendPipeline(jdbi, stores.audit(), 2, 20_000, Duration.ofSeconds(30));
    events = new EventStore(jdbi, pipeline, clock);
    decisions = new DecisionStore(jdbi, pipeline, stores.connections(), stores.ids(), clock, Duration.ofMinutes(15));
    CheckpointSigner signer = CheckpointSigner.loadOrCreate(jdbi, stores.master(), clock);
    SnapshotLoader loader = new SnapshotLoader(jdbi, stores.connections(), stores.auditLog(), signer.publicKey(),
        catalog.parameters(), SCHEDULES);
    runner = new ControlRunner(loader, new RunRecorder(jdbi, stores.audit(), stores.ids()), (c, o) -> { }, clock);
    queries = new ControlQueries(jdbi);
    reader = new EvidenceReader(jdbi, new EvidenceReader.Sources(stores.agents(), stores.grants(),
        stores.connections(), stores.vendors(), stores.incidents(), queries));
    openIndex();
  }

  /** Pooled connections to the database at {@code url} (H2 or PostgreSQL; no password), as the service has. */
  static DataSource pool(String url, String user) {
    PoolProperties p = new PoolProperties();
    p.setUrl(url);
    p.setDriverClassName(url.startsWith("jdbc:h2:") ? "org.h2.Driver" : "org.postgresql.Driver");
    p.setUsername(user);
    p.setPassword("");
    p.setMaxActive(32);
    p.setMaxIdle(32);
    return new DataSource(p);
  }

  /** Opens the index and a follower over it, not started: tests call {@link ChainFollower#catchUp}. */
  void openIndex() {
    index = new LuceneIndex(indexDir, INDEX);
    follower = new ChainFollower(jdbi, reader, index, FOLLOW, clock);
  }

  void closeIndex() throws Exception {
    follower.close();
    index.close();
  }

  /** What one tenant holds, by id. */
  record Company(String tenant, String owner, String agent, String otherAgent, String vendor, String connection,
      String wildGrant, String narrowGrant, String incident) {}

  /**
   * A tenant with some of everything: agents, a vendor, a connection with a stored credential, a
   * wildcard and a narrow grant, an incident, actions in and outside the grants, decisions, and
   * a run of every control (some failing, so findings open).
   */
  Company company(String name, String credential) {
    String tenant = stores.tenants().create(name, ADMIN).tenant().id();
    String owner = stores.users().create(tenant, ADMIN, "o@" + tenant + ".example", "Olive", Role.ADMIN,
        "a long enough password").id();
    String approver = stores.users().create(tenant, ADMIN, "a@" + tenant + ".example", "Ann", Role.ADMIN,
        "a long enough password").id();
    String agent = stores.agents().create(tenant, ADMIN, "support-triage", owner, "answers tickets").id();
    String other = stores.agents().create(tenant, ADMIN, "sales-assistant", owner, "drafts mail").id();
    String vendor = stores.vendors().create(tenant, ADMIN, "Salesforce", Criticality.HIGH, "CRM", "contacts").id();
    String connection = stores.connections().create(tenant, ADMIN, "CRM", "crm", vendor,
        "https://acme.my.salesforce.com").id();
    stores.connections().storeCredential(tenant, ADMIN, connection, credential);
    String wild = stores.grants().create(tenant, ADMIN, other, new GrantStore.NewGrant(connection, List.of("*"),
        "everything", owner, approver, null)).id();
    String narrow = stores.grants().create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection,
        List.of("crm:read"), "triage", owner, approver, null)).id();
    String incident = stores.incidents().create(tenant, ADMIN, "Leaked API key", Severity.SEV2,
        clock.instant().minus(Duration.ofHours(1)), true, "key pasted in a ticket").id();
    List<EventStore.NewEvent> actions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      actions.add(new EventStore.NewEvent(agent, connection, "crm:read", "account/" + i, "success",
          clock.instant().minusSeconds(60 - i), null, null));
    }
    actions.add(new EventStore.NewEvent(agent, connection, "crm:write", "account/9", "success",
        clock.instant().minusSeconds(10), null, null));
    events.ingest(tenant, ADMIN, null, actions);
    decisions.authorize(tenant, ADMIN, agent, connection, "crm:read", "account/1");
    decisions.authorize(tenant, ADMIN, agent, connection, "crm:delete", "account/1");
    runner.run(tenant, catalog.all(), RunTrigger.MANUAL, null);
    return new Company(tenant, owner, agent, other, vendor, connection, wild, narrow, incident);
  }

  /**
   * A second round for the company, changing every kind of object after it was first indexed:
   * the vendor renamed and reviewed, the narrow grant revoked, the sales agent suspended then
   * retired (which revokes its grant), the incident contained, an exception approved for an
   * open finding, more actions, and every control run again a minute later (resolving and
   * excusing some findings). Each object is then indexed again, replacing what was there.
   */
  void change(Company c) {
    String tenant = c.tenant();
    stores.vendors().update(tenant, ADMIN, c.vendor(),
        new VendorStore.Change("Salesforce Inc", Criticality.MEDIUM, null, null, null, null));
    stores.vendors().review(tenant, ADMIN, c.vendor(), new VendorStore.NewReview(clock.instant(), "Ann",
        ReviewOutcome.APPROVED, null, "SOC 2 report read"));
    stores.grants().revoke(tenant, ADMIN, c.agent(), c.narrowGrant());
    stores.agents().changeStatus(tenant, ADMIN, c.otherAgent(), AgentStatus.SUSPENDED);
    stores.agents().changeStatus(tenant, ADMIN, c.otherAgent(), AgentStatus.RETIRED);
    stores.incidents().updateTimeline(tenant, ADMIN, c.incident(),
        new IncidentStore.Timeline(clock.instant(), null, null, null));
    queries.findings(tenant, new FindingFilter(null, FindingStatus.OPEN, null, null, null, null), null, 1).items().stream().findFirst().ifPresent(f ->
        stores.exceptions().create(tenant, ADMIN, f.controlId(), f.subjectId(), "accepted for the quarter",
            c.owner(), clock.instant().plus(Duration.ofDays(30))));
    act(c, "second", 20);
    clock.advance(Duration.ofMinutes(1));
    runner.run(tenant, catalog.all(), RunTrigger.MANUAL, null);
  }

  /**
   * {@code n} more actions of the company's support agent, in batches of up to 500, each on a
   * resource of its own ({@code <prefix>/<i>}), at times scattered over the hour before now
   * (about ten minutes apart, modulo the hour), so a few land among all the others.
   */
  void act(Company c, String prefix, int n) {
    Instant now = clock.instant();
    for (int from = 0; from < n; from += 500) {
      List<EventStore.NewEvent> batch = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + 500); i++) {
        batch.add(new EventStore.NewEvent(c.agent(), c.connection(), i % 3 == 0 ? "crm:write" : "crm:read",
            prefix + "/" + i, "success", now.minusMillis(1 + (i * 611_953L) % 3_600_000), null, null));
      }
      events.ingest(c.tenant(), ADMIN, null, batch);
    }
  }

  /** Searches the tenant's whole index, newest first, every page. */
  List<Hit> everything(String tenantId) {
    return everything(index, tenantId);
  }

  /** Every document {@code search} holds of the tenant, newest first, read page by page. */
  static List<Hit> everything(EvidenceSearch search, String tenantId) {
    List<Hit> out = new ArrayList<>();
    String cursor = null;
    do {
      SearchResult page = search.search(tenantId, new SearchRequest("", Filters.NONE, SearchRequest.Order.TIME,
          cursor, SearchRequest.MAX_LIMIT));
      out.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return out;
  }

  @Override
  public void close() throws Exception {
    closeIndex();
    pipeline.close();
    if (pool != null) pool.close();
    db.close();
    TempDirs.delete(indexDir);
  }
}
