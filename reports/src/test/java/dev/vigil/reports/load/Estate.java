package dev.vigil.reports.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.decisions.DecisionStore;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.ControlRunner;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.collectors.monitoring.SnapshotLoader;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One test database with every store the loader reads, and a way to give a tenant a day of
 * history through the real stores and runner, backdated with a clock the builder moves.
 */
final class Estate implements AutoCloseable {

  static final Actor ADMIN = new Actor("token", "tok_test");
  /** Every family runs hourly in these tests, so a day holds 24 scheduled runs of a control. */
  static final Map<Family, Duration> SCHEDULES = hourly();
  static final Instant FROM = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant TO = FROM.plus(Duration.ofDays(1));

  final TestDb db;
  final MutableClock clock = new MutableClock(FROM.minus(Duration.ofDays(1)));
  final TestStores stores;
  final AppendPipeline pipeline;
  final DecisionStore decisions;
  final EventStore events;
  final CheckpointStore checkpoints;
  final Catalog catalog = new Catalog(ControlParameters.defaults());
  final ControlRunner runner;
  final ControlQueries queries;
  final ReportReader reader;

  Estate(TestDb.Kind kind) {
    db = TestDb.of(kind);
    stores = TestStores.on(db, clock);
    pipeline = new AppendPipeline(db.jdbi(), stores.audit(), 2, 20_000, Duration.ofSeconds(30));
    decisions = new DecisionStore(db.jdbi(), pipeline, stores.connections(), stores.ids(), clock,
        Duration.ofMinutes(15));
    events = new EventStore(db.jdbi(), pipeline, clock);
    CheckpointSigner signer = CheckpointSigner.loadOrCreate(db.jdbi(), stores.master(), clock);
    checkpoints = new CheckpointStore(db.jdbi(), signer, clock);
    SnapshotLoader loader = new SnapshotLoader(db.jdbi(), stores.connections(), stores.auditLog(), signer.publicKey(),
        catalog.parameters(), SCHEDULES);
    runner = new ControlRunner(loader, new RunRecorder(db.jdbi(), stores.audit(), stores.ids()), (c, o) -> {}, clock);
    queries = new ControlQueries(db.jdbi());
    reader = new ReportReader(new Sources(db.jdbi(), stores.tenants(), queries, stores.exceptions(), checkpoints,
        stores.agents(), stores.connections(), stores.vendors(), stores.incidents(), stores.users()), catalog, SCHEDULES);
  }

  /** What a tenant's day holds, for the assertions. */
  record Day(String tenant, String name, String agent, String approver, String readGrant, String wildcard,
      String adminGrant, String exceptionId, String incident, List<ControlRun> ac1Runs) {}

  /**
   * A tenant's day {@code [FROM, TO)} of AC-1: a pass the hour before, then a scheduled run
   * every hour; a wildcard grant made at 02:01 fails a change-triggered run at 02:02 until it
   * is revoked at 05:30 (change run 05:31); an admin grant at 06:10 is excused by an exception
   * approved at 06:11 (change run 06:12). At 08:05 an incident (sev2, customer data) is
   * detected at 08:05, contained at 09:00; two decisions (one allowed, one denied) and three actions
   * (two successes, one failure whose attributes nest an "outcome" of their own).
   */
  Day day(String name) {
    clock.set(FROM.minus(Duration.ofHours(2)));
    String tenant = stores.tenants().create(name, ADMIN).tenant().id();
    String owner = stores.users().create(tenant, ADMIN, "o@x.example", "Zoë", Role.ADMIN, "a long enough password")
        .id();
    String approver = stores.users().create(tenant, ADMIN, "a@x.example", "Ann", Role.ADMIN,
        "a long enough password").id();
    String agent = stores.agents().create(tenant, ADMIN, "mailer", owner, "Reads the support inbox — drafts replies")
        .id();
    String vendor = stores.vendors().create(tenant, ADMIN, "Salesforce", Criticality.MEDIUM, "CRM", "contacts").id();
    String connection = stores.connections().create(tenant, ADMIN, "CRM", "crm", vendor, "https://crm.example").id();
    String read = grant(tenant, agent, connection, owner, approver, "crm:read");
    List<ControlRun> runs = new ArrayList<>();
    clock.set(FROM.minus(Duration.ofHours(1)));
    runs.add(run(tenant, RunTrigger.SCHEDULE));
    String wildcard = null;
    String admin = null;
    String exception = null;
    String incident = null;
    for (int h = 0; h < 24; h++) {
      clock.set(FROM.plus(Duration.ofHours(h)));
      runs.add(run(tenant, RunTrigger.SCHEDULE));
      if (h == 2) {
        at(h, 1);
        wildcard = grant(tenant, agent, connection, owner, approver, "crm:*");
        at(h, 2);
        runs.add(run(tenant, RunTrigger.CHANGE));
      } else if (h == 5) {
        at(h, 30);
        stores.grants().revoke(tenant, ADMIN, agent, wildcard);
        at(h, 31);
        runs.add(run(tenant, RunTrigger.CHANGE));
      } else if (h == 6) {
        at(h, 10);
        admin = grant(tenant, agent, connection, owner, approver, "admin");
        at(h, 11);
        exception = stores.exceptions().create(tenant, ADMIN, "AC-1", admin, "migration week", approver,
            FROM.plus(Duration.ofDays(10))).id();
        at(h, 12);
        runs.add(run(tenant, RunTrigger.CHANGE));
      } else if (h == 8) {
        at(h, 5);
        incident = stores.incidents().create(tenant, ADMIN, "Leaked token", Severity.SEV2, clock.instant(), true,
            "a token was pasted in a ticket").id();
        decisions.authorize(tenant, ADMIN, agent, connection, "crm:read", "acct/1");
        decisions.authorize(tenant, ADMIN, agent, connection, "crm:delete", "acct/1");
        var nested = JsonNodeFactory.instance.objectNode().put("outcome", "denied").put("resource", "elsewhere");
        events.ingest(tenant, ADMIN, null, List.of(
            new EventStore.NewEvent(agent, connection, "crm:read", "acct/1", "success", clock.instant(), null, null),
            new EventStore.NewEvent(agent, connection, "crm:read", "acct/2", "success", clock.instant(), null, null),
            new EventStore.NewEvent(agent, connection, "crm:read", "acct/3", "failure", clock.instant(), null,
                nested)));
      } else if (h == 9) {
        stores.incidents().updateTimeline(tenant, ADMIN, incident,
            new IncidentStore.Timeline(clock.instant(), null, null, null));
      }
    }
    clock.set(TO.plus(Duration.ofHours(1)));
    return new Day(tenant, name, agent, approver, read, wildcard, admin, exception, incident, runs);
  }

  private void at(int hour, int minute) {
    clock.set(FROM.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute)));
  }

  private String grant(String tenant, String agent, String connection, String owner, String approver, String scope) {
    return stores.grants().create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection, List.of(scope), "triage",
        owner, approver, null)).id();
  }

  private ControlRun run(String tenant, RunTrigger trigger) {
    return runner.run(tenant, List.of(catalog.find("AC-1").orElseThrow()), trigger,
        trigger == RunTrigger.SCHEDULE ? clock.instant() : null).get(0).run();
  }

  private static Map<Family, Duration> hourly() {
    Map<Family, Duration> out = new EnumMap<>(Family.class);
    for (Family f : Family.values()) out.put(f, Duration.ofHours(1));
    return Map.copyOf(out);
  }

  @Override
  public void close() throws Exception {
    pipeline.close();
    db.close();
  }
}
