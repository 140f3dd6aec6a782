package dev.vigil.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.tenancy.SessionStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.User;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Dashboard sessions against real databases: only the secret's hash is stored, a session ends
 * when idle or too old, on sign-out and when its user is deactivated (in the same
 * transaction), each sign-in, failure and sign-out is audited without a secret, and an email in
 * several tenants names each of its workspaces. Also the overview's aggregates, computed in
 * each database's SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionsContract {

  static final Actor ADMIN = new Actor("token", "tok_test");
  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration MAX_AGE = Duration.ofHours(12);

  private TestDb db;
  private MutableClock clock;
  private TestStores stores;
  private SessionStore sessions;
  private String tenant;
  private User user;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    clock = MutableClock.startingNow();
    stores = TestStores.on(db, clock);
    sessions = new SessionStore(db.jdbi(), stores.audit(), stores.ids(), IDLE, MAX_AGE, clock);
  }

  @AfterAll
  void close() {
    if (db != null) db.close();
  }

  @BeforeEach
  void freshTenant() {
    tenant = stores.tenants().create("Acme " + stores.ids().next("t"), ADMIN).tenant().id();
    user = stores.users().create(tenant, ADMIN, "cora@acme.example", "Cora", Role.COMPLIANCE, "a long password");
  }

  @Test
  void onlyTheSecretsHashIsStoredAndEveryStepIsAudited() throws Exception {
    SessionStore.Started s = sessions.signIn(user, "10.0.0.1");
    assertThat(sessions.find(s.secret(), true)).get().extracting(c -> c.user().id()).isEqualTo(user.id());
    assertThat(sessions.find(s.secret() + "x", true)).isEmpty();
    assertThat(sessions.find(null, true)).isEmpty();
    String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT secret_hash FROM sessions WHERE id = :id")
        .bind("id", s.session().id()).mapTo(String.class).one());
    assertThat(stored).hasSize(64).doesNotContain(s.secret());

    sessions.signInFailed(tenant, user.id(), user.email(), "password", "10.0.0.2");
    sessions.signOut(s.secret());
    assertThat(sessions.find(s.secret(), true)).isEmpty();
    List<AuditEntry> chain = stores.auditLog().after(tenant, 0, 1000);
    assertThat(chain).extracting(AuditEntry::kind).contains("user.signed_in", "user.sign_in_failed", "user.signed_out");
    assertThat(chain).filteredOn(e -> e.kind().equals("user.signed_in")).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo(new Actor("user", user.id())));
    assertThat(chain).filteredOn(e -> e.kind().equals("user.sign_in_failed")).singleElement()
        .satisfies(e -> assertThat(e.actor().type()).isEqualTo("system"));
    assertThat(chain.toString()).doesNotContain(s.secret()).doesNotContain("a long password");
    assertThat(stores.auditLog().verify(tenant).intact()).isTrue();
  }

  @Test
  void aSessionEndsWhenIdleOrTooOldAndPollingDoesNotKeepItAlive() {
    SessionStore.Started idle = sessions.signIn(user, "10.0.0.1");
    clock.advance(IDLE.minusMinutes(1));
    assertThat(sessions.find(idle.secret(), false)).isPresent();
    clock.advance(Duration.ofMinutes(2));
    assertThat(sessions.find(idle.secret(), true)).as("idle past the limit: polls did not count").isEmpty();

    SessionStore.Started busy = sessions.signIn(user, "10.0.0.1");
    for (Duration used = Duration.ZERO; used.compareTo(MAX_AGE.minusMinutes(20)) < 0; used = used.plus(IDLE.minusMinutes(5))) {
      clock.advance(IDLE.minusMinutes(5));
      assertThat(sessions.find(busy.secret(), true)).isPresent();
    }
    clock.advance(Duration.ofMinutes(25));
    assertThat(sessions.find(busy.secret(), true)).as("past its maximum age, however busy").isEmpty();
  }

  @Test
  void deactivatingAUserEndsItsSessionsAtOnce() {
    SessionStore.Started a = sessions.signIn(user, "10.0.0.1");
    SessionStore.Started b = sessions.signIn(user, "10.0.0.2");
    stores.users().update(tenant, ADMIN, user.id(), new UserStore.Change(null, null, false));
    long left = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE tenant_id = :t")
        .bind("t", tenant).mapTo(Long.class).one());
    assertThat(left).isZero();
    assertThat(sessions.find(a.secret(), true)).isEmpty();
    assertThat(sessions.find(b.secret(), true)).isEmpty();
  }

  @Test
  void anEmailInSeveralTenantsNamesEachWorkspace() {
    String other = stores.tenants().create("Globex " + stores.ids().next("t"), ADMIN).tenant().id();
    stores.users().create(other, ADMIN, "Cora@Acme.example", "Cora", Role.AUDITOR, "another password");
    assertThat(stores.users().workspaces(" cora@acme.example ")).extracting(UserStore.Workspace::tenantId)
        .contains(tenant, other);
    assertThat(stores.users().workspaces("nobody@acme.example")).isEmpty();
  }

  @Test
  void theOverviewAggregatesCountRunsByDayFindingsByAgeAndTheMedianTimeToRemediate() {
    java.time.Instant now = clock.instant();
    run("run_a", "AC-1", "PASS", now.minus(Duration.ofDays(2)), true);
    run("run_b", "AC-1", "FAIL", now.minus(Duration.ofDays(2)).plusSeconds(60), false);
    run("run_c", "AC-2", "PASS", now.minusSeconds(30), true);
    // The latest sweep is another family's: the overview's last sweep is the latest of any.
    run("run_d", "LG-1", "PASS", now.minusSeconds(10), true, "logging");
    finding("fnd_1", now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(20)));
    finding("fnd_2", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(9)));
    finding("fnd_3", now.minus(Duration.ofDays(6)), now.minus(Duration.ofDays(2)));
    finding("fnd_4", now.minus(Duration.ofHours(2)), null);
    finding("fnd_5", now.minus(Duration.ofDays(3)), null);
    ControlQueries q = new ControlQueries(db.jdbi());

    var days = q.runsByDay(tenant, now.minus(Duration.ofDays(30)));
    long today = Math.floorDiv(now.getEpochSecond(), 86400);
    assertThat(days).extracting(d -> d.controlId() + " " + (today - d.epochDay()) + " " + d.result() + " " + d.runs())
        .containsExactlyInAnyOrder("AC-1 2 PASS 1", "AC-1 2 FAIL 1", "AC-2 0 PASS 1", "LG-1 0 PASS 1");
    var ages = q.openFindingAges(tenant, now);
    assertThat(List.of(ages.underDay(), ages.underWeek(), ages.underMonth(), ages.allOpen()))
        .containsExactly(1L, 2L, 2L, 2L);
    // Resolved in the window: 1 day and 4 days (the 20-day one resolved 20 days ago, also in it).
    assertThat(q.medianTimeToRemediate(tenant, now.minus(Duration.ofDays(30)))).hasValue(Duration.ofDays(4));
    assertThat(q.medianTimeToRemediate(tenant, now.minus(Duration.ofDays(5)))).hasValue(Duration.ofDays(4));
    assertThat(q.lastSweep(tenant)).hasValue(now.minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
  }

  private void run(String id, String control, String result, java.time.Instant at, boolean scheduled) {
    run(id, control, result, at, scheduled, "least-privilege");
  }

  private void run(String id, String control, String result, java.time.Instant at, boolean scheduled, String family) {
    db.jdbi().useHandle(h -> h.createUpdate("""
        INSERT INTO control_runs (tenant_id, id, control_id, family, run_trigger, scheduled_for, started_at,
          finished_at, result, population, exception_count, excused_count, evidence, evidence_sha256)
        VALUES (:t, :id, :c, :family, :trigger, :scheduled, :at, :at, :result, 1, 0, 0, '{}', :sha)
        """).bind("t", tenant).bind("id", id + tenant).bind("c", control).bind("family", family)
        .bind("trigger", scheduled ? "SCHEDULE" : "CHANGE").bind("scheduled", scheduled ? at : null)
        .bind("at", at).bind("result", result).bind("sha", "0".repeat(64)).execute());
  }

  private void finding(String id, java.time.Instant opened, java.time.Instant resolved) {
    db.jdbi().useHandle(h -> h.createUpdate("""
        INSERT INTO findings (tenant_id, id, control_id, subject_id, detail, opened_at, opened_run_id, resolved_at,
          status)
        VALUES (:t, :id, 'AC-1', :id, 'x', :opened, 'run_a', :resolved, :status)
        """).bind("t", tenant).bind("id", id).bind("opened", opened).bind("resolved", resolved)
        .bind("status", resolved == null ? "OPEN" : "RESOLVED").execute());
  }

  @Test
  void theOverviewAggregatesReadAnEmptyTenant() {
    ControlQueries q = new ControlQueries(db.jdbi());
    assertThat(q.runsByDay(tenant, clock.instant().minus(Duration.ofDays(30)))).isEmpty();
    assertThat(q.openFindingAges(tenant, clock.instant()).allOpen()).isZero();
    assertThat(q.medianTimeToRemediate(tenant, clock.instant().minus(Duration.ofDays(30)))).isEmpty();
    assertThat(q.lastSweep(tenant)).isEmpty();
    assertThat(q.chainHead(tenant)).get().isNotNull();
  }
}
