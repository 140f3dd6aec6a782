package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.decisions.DecisionStore;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What the monitoring tests share: one database per class (H2 or PostgreSQL), the stores, a
 * catalog with its runner on a clock the tests move, and a fresh tenant for each test with
 * an owner, an approver, an agent, a vendor and a connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MonitoringFixture {


  static final Actor ADMIN = new Actor("token", "tok_test");
  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  static final Map<Family, Duration> SCHEDULES = Map.of(Family.LEAST_PRIVILEGE, FIVE_MINUTES,
      Family.ENCRYPTION, FIVE_MINUTES, Family.LOGGING, FIVE_MINUTES, Family.VENDORS, FIVE_MINUTES,
      Family.INCIDENTS, FIVE_MINUTES);

  TestDb db;
  MutableClock clock;
  TestStores stores;
  Jdbi jdbi;
  AppendPipeline pipeline;
  EventStore events;
  DecisionStore decisions;
  CheckpointStore checkpoints;
  Catalog catalog;
  SnapshotLoader loader;
  ControlRunner runner;
  ControlQueries queries;
  final List<RunRecorder.Outcome> alerts = new CopyOnWriteArrayList<>();

  // The tenant of the current test and its furniture.
  String tenant;
  String owner;
  String approver;
  String agent;
  String connection;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    jdbi = db.jdbi();
    clock = new MutableClock(BASE);
    stores = TestStores.on(db, clock);
    pipeline = new AppendPipeline(jdbi, stores.audit(), 2, 20_000, Duration.ofSeconds(30));
    events = new EventStore(jdbi, pipeline, clock);
    decisions = new DecisionStore(jdbi, pipeline, stores.connections(), stores.ids(), clock, Duration.ofMinutes(15));
    CheckpointSigner signer = CheckpointSigner.loadOrCreate(jdbi, stores.master(), clock);
    checkpoints = new CheckpointStore(jdbi, signer, clock);
    catalog = new Catalog(ControlParameters.defaults());
    loader = new SnapshotLoader(jdbi, stores.connections(), stores.auditLog(), signer.publicKey(),
        catalog.parameters(), SCHEDULES);
    runner = new ControlRunner(loader, new RunRecorder(jdbi, stores.audit(), stores.ids()),
        (control, outcome) -> alerts.add(outcome), clock);
    queries = new ControlQueries(jdbi);
  }

  @AfterAll
  void close() throws Exception {
    if (pipeline != null) pipeline.close();
    if (db != null) db.close();
  }

  static final Instant BASE = Instant.parse("2026-11-26T12:00:00Z");

  @BeforeEach
  void company() {
    clock.set(BASE);
    tenant = stores.tenants().create("Acme " + System.nanoTime(), ADMIN).tenant().id();
    owner = stores.users().create(tenant, ADMIN, "o@acme.example", "Olive", Role.ADMIN, "a long enough password").id();
    approver = stores.users().create(tenant, ADMIN, "a@acme.example", "Ann", Role.ADMIN, "a long enough password").id();
    agent = stores.agents().create(tenant, ADMIN, "mailer", owner, "sends mail").id();
    String vendor = stores.vendors().create(tenant, ADMIN, "Salesforce", Criticality.MEDIUM, "CRM", "contacts").id();
    connection = stores.connections().create(tenant, ADMIN, "CRM", "crm", vendor, "https://acme.my.salesforce.com").id();
    alerts.clear();
  }

  String grant(String... scopes) {
    return stores.grants().create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection, List.of(scopes),
        "triage", owner, approver, null)).id();
  }

  RunRecorder.Outcome run(String controlId) {
    return runner.run(tenant, List.of(catalog.find(controlId).orElseThrow()), RunTrigger.MANUAL, null).get(0);
  }

  /** The evidence record of run {@code runId}, as stored. */
  String evidence(String runId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT evidence FROM control_runs WHERE tenant_id = :t AND id = :id")
        .bind("t", tenant).bind("id", runId).mapTo(String.class).one());
  }

  List<Finding> findings(String status, String controlId) {
    return queries.findings(tenant, new FindingFilter(controlId, FindingStatus.ofWire(status), null, null, null, null), "",
        1000).items();
  }
}
