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
 * several tenants names each of its workspaces.
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
  void theOverviewAggregatesReadAnEmptyTenant() {
    ControlQueries q = new ControlQueries(db.jdbi());
    assertThat(q.runsByDay(tenant, clock.instant().minus(Duration.ofDays(30)))).isEmpty();
    assertThat(q.openFindingAges(tenant, clock.instant()).allOpen()).isZero();
    assertThat(q.medianTimeToRemediate(tenant, clock.instant().minus(Duration.ofDays(30)))).isEmpty();
    assertThat(q.lastSweep(tenant)).isEmpty();
    assertThat(q.chainHead(tenant)).get().isNotNull();
  }
}
