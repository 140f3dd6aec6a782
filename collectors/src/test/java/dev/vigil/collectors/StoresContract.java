package dev.vigil.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.ApiToken;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stores against real databases: each test runs on H2 and on PostgreSQL. Every change
 * must land together with its audit entry, stay inside its tenant, and keep the chain whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoresContract {

  static final Actor ADMIN = new Actor("token", "tok_test");

  private TestDb db;
  TenantStore tenants;
  TokenStore tokens;
  UserStore users;
  AgentStore agents;
  AuditLog auditLog;
  String tenant;
  String owner;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    TestStores stores = TestStores.on(db, Clock.tickMillis(java.time.ZoneOffset.UTC));
    tokens = stores.tokens();
    tenants = stores.tenants();
    users = stores.users();
    agents = stores.agents();
    auditLog = stores.auditLog();
  }

  @AfterAll
  void close() {
    if (db != null) db.close();
  }

  @BeforeEach
  void freshTenant() {
    tenant = tenants.create("Acme", ADMIN).tenant().id();
    owner = users.create(tenant, ADMIN, "owner@acme.example", "Olive Owner", Role.ADMIN,
        "correct horse battery staple").id();
  }

  private long head() {
    return auditLog.verify(tenant).checked();
  }

  @Test
  void aNewTenantHasAVerifiedChainAndAWorkingAdminToken() {
    TenantStore.Created created = tenants.create("Globex", ADMIN);
    String id = created.tenant().id();
    assertThat(auditLog.verify(id).intact()).isTrue();
    assertThat(auditLog.after(id, 0, 10)).extracting(AuditEntry::kind)
        .containsExactly("tenant.created", "token.created");
    ApiToken token = tokens.authenticate(created.adminToken().secret()).orElseThrow();
    assertThat(token.tenantId()).isEqualTo(id);
    assertThat(token.role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void tokensAuthenticateUntilRevokedAndTheSecretIsNeverAudited() {
    TokenStore.Issued issued = tokens.issue(tenant, ADMIN, "ci", Role.INGEST);
    assertThat(tokens.authenticate(issued.secret())).isPresent();
    assertThat(tokens.authenticate(issued.secret() + "x")).isEmpty();
    tokens.revoke(tenant, ADMIN, issued.token().id());
    assertThat(tokens.authenticate(issued.secret())).isEmpty();
    assertThat(auditLog.after(tenant, 0, 100)).noneMatch(e -> e.data().toString().contains(issued.secret())
        || e.data().toString().contains(TokenSecrets.hash(issued.secret())));
  }

  @Test
  void anotherTenantsTokenCannotBeRevokedOrSeen() {
    String other = tenants.create("Globex", ADMIN).tenant().id();
    TokenStore.Issued theirs = tokens.issue(other, ADMIN, "theirs", Role.AUDITOR);
    long before = head();
    assertThatThrownBy(() -> tokens.revoke(tenant, ADMIN, theirs.token().id()))
        .isInstanceOf(Rejected.class).extracting(e -> ((Rejected) e).reason())
        .isEqualTo(Rejected.Reason.NOT_FOUND);
    assertThat(tokens.authenticate(theirs.secret())).isPresent();
    assertThat(tokens.list(tenant, "", 100).items()).extracting(ApiToken::id)
        .doesNotContain(theirs.token().id());
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void usersHaveUniqueEmailsPerTenantAndSlowHashedPasswords() {
    assertThatThrownBy(() -> users.create(tenant, ADMIN, "OWNER@acme.example", "Dup", Role.AUDITOR,
        "another long password"))
        .isInstanceOf(Rejected.class).hasMessageContaining("already exists");
    String other = tenants.create("Globex", ADMIN).tenant().id();
    assertThat(users.create(other, ADMIN, "owner@acme.example", "Same email elsewhere",
        Role.AUDITOR, "another long password").email()).isEqualTo("owner@acme.example");
    assertThat(users.authenticate(tenant, "Owner@Acme.example", "correct horse battery staple"))
        .map(User::id).contains(owner);
    assertThat(users.authenticate(tenant, "owner@acme.example", "wrong")).isEmpty();
    assertThat(users.find(other, owner)).isEmpty();
    String stored = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT password_hash FROM users WHERE tenant_id = :t AND id = :id")
        .bind("t", tenant).bind("id", owner).mapTo(String.class).one());
    assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
        .doesNotContain("correct horse");
  }

  @Test
  void deactivationIsAuditedAndBlocksSignIn() {
    User after = users.update(tenant, ADMIN, owner, new UserStore.Change(null, null, false));
    assertThat(after.active()).isFalse();
    assertThat(after.deactivatedAt()).isNotNull();
    assertThat(users.authenticate(tenant, "owner@acme.example", "correct horse battery staple")).isEmpty();
    assertThat(auditLog.after(tenant, 0, 100)).extracting(AuditEntry::kind).contains("user.deactivated");
  }

  @Test
  void anAgentNeedsAnOwnerOfItsOwnTenant() {
    String other = tenants.create("Globex", ADMIN).tenant().id();
    String stranger = users.create(other, ADMIN, "s@globex.example", "Stranger", Role.ADMIN,
        "long enough password").id();
    long before = head();
    assertThatThrownBy(() -> agents.create(tenant, ADMIN, "mailer", stranger, null))
        .isInstanceOf(Rejected.class).hasMessageContaining("ownerId");
    assertThat(agents.list(tenant, "", 10).items()).isEmpty();
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void retiringAnAgentRevokesItsTokensAndIsFinal() {
    Agent agent = agents.create(tenant, ADMIN, "mailer", owner, "reads the support inbox");
    TokenStore.Issued t1 = agents.issueToken(tenant, ADMIN, agent.id(), null);
    TokenStore.Issued t2 = agents.issueToken(tenant, ADMIN, agent.id(), "second");
    assertThat(tokens.authenticate(t1.secret()).orElseThrow().agentId()).isEqualTo(agent.id());

    assertThat(agents.changeStatus(tenant, ADMIN, agent.id(), AgentStatus.SUSPENDED).status())
        .isEqualTo(AgentStatus.SUSPENDED);
    assertThat(tokens.authenticate(t1.secret())).isPresent();
    agents.changeStatus(tenant, ADMIN, agent.id(), AgentStatus.RETIRED);
    assertThat(tokens.authenticate(t1.secret())).isEmpty();
    assertThat(tokens.authenticate(t2.secret())).isEmpty();

    long before = head();
    assertThatThrownBy(() -> agents.changeStatus(tenant, ADMIN, agent.id(), AgentStatus.ACTIVE))
        .isInstanceOf(Rejected.class).hasMessageContaining("final");
    assertThatThrownBy(() -> agents.issueToken(tenant, ADMIN, agent.id(), null))
        .isInstanceOf(Rejected.class).hasMessageContaining("retired");
    assertThat(head()).isEqualTo(before);
    AuditEntry retired = auditLog.after(tenant, 0, 100).stream()
        .filter(e -> e.kind().equals("agent.status_changed")).reduce((a, b) -> b).orElseThrow();
    assertThat(retired.data().get("revokedTokens")).hasSize(2);
  }

  @Test
  void whenTheAuditAppendFailsTheChangeIsRolledBack() {
    db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM audit_heads WHERE tenant_id = :t")
        .bind("t", tenant).execute());
    assertThatThrownBy(() -> agents.create(tenant, ADMIN, "ghost", owner, null))
        .hasMessageContaining("no audit chain");
    assertThatThrownBy(() -> users.create(tenant, ADMIN, "ghost@acme.example", "Ghost", Role.AUDITOR,
        "long enough password")).hasMessageContaining("no audit chain");
    assertThat(agents.list(tenant, "", 10).items()).isEmpty();
    assertThat(users.list(tenant, "", 10).items()).hasSize(1);
  }

  @Test
  void listsPageByCursorInCreationOrder() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) created.add(agents.create(tenant, ADMIN, "agent " + i, owner, null).id());
    Page<Agent> first = agents.list(tenant, "", 2);
    Page<Agent> second = agents.list(tenant, first.nextCursor(), 2);
    Page<Agent> third = agents.list(tenant, second.nextCursor(), 2);
    List<String> seen = new ArrayList<>();
    for (Page<Agent> p : List.of(first, second, third)) p.items().forEach(a -> seen.add(a.id()));
    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(third.nextCursor()).isNull();
  }

  @Test
  void concurrentWritersToOneTenantNeverForkTheChain() throws Exception {
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            Agent a = agents.create(tenant, ADMIN, "agent " + n + "-" + i, owner, null);
            if (i % 5 == 0) agents.changeStatus(tenant, ADMIN, a.id(), AgentStatus.SUSPENDED);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    var verification = auditLog.verify(tenant);
    assertThat(verification.breaks()).isEmpty();
    long expected = 3 /* tenant, token, owner */ + threads * perThread + threads * (perThread / 5);
    assertThat(verification.checked()).isEqualTo(expected);
  }
}
