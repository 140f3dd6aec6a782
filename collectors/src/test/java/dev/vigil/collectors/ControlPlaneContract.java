package dev.vigil.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.exceptions.ExceptionStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TableDump;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.ReviewDecision;
import dev.vigil.controls.model.ReviewOutcome;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.Severity;
import dev.vigil.controls.model.TenantKey;
import dev.vigil.controls.model.VendorReview;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Vendors, connections, the credential vault, grants, reviews, exceptions and incidents
 * against real databases. The clock is moved by hand to test expiry at its boundary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ControlPlaneContract {

  static final Actor ADMIN = new Actor("token", "tok_test");

  TestDb db;
  MutableClock clock;
  TenantStore tenants;
  UserStore users;
  AgentStore agents;
  VendorStore vendors;
  ConnectionStore connections;
  TenantKeysets keysets;
  GrantStore grants;
  ExceptionStore exceptions;
  IncidentStore incidents;
  AuditLog auditLog;

  String tenant;
  String user;
  String approver;
  String agent;
  String vendor;
  String connection;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    clock = MutableClock.startingNow();
    TestStores stores = TestStores.on(db, clock);
    tenants = stores.tenants();
    users = stores.users();
    agents = stores.agents();
    vendors = stores.vendors();
    keysets = stores.keysets();
    connections = stores.connections();
    grants = stores.grants();
    exceptions = stores.exceptions();
    incidents = stores.incidents();
    auditLog = stores.auditLog();
  }

  @AfterAll
  void close() {
    if (db != null) db.close();
  }

  @BeforeEach
  void company() {
    tenant = tenants.create("Acme", ADMIN).tenant().id();
    user = users.create(tenant, ADMIN, "u@acme.example", "U", Role.ADMIN, "long enough password").id();
    approver = users.create(tenant, ADMIN, "a@acme.example", "A", Role.ADMIN, "long enough password").id();
    agent = agents.create(tenant, ADMIN, "mailer", user, null).id();
    vendor = vendors.create(tenant, ADMIN, "Salesforce", Criticality.HIGH, "CRM", "contacts").id();
    connection = connections.create(tenant, ADMIN, "CRM", "crm", vendor, "https://acme.my.salesforce.com").id();
  }

  String reveal(String tenantId, String connectionId) throws GeneralSecurityException {
    try {
      return db.jdbi().withHandle(h -> connections.reveal(h, tenantId, connectionId)).orElseThrow().secret();
    } catch (GeneralSecurityException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  GrantStore.NewGrant grant(List<String> scopes, Instant expiresAt) {
    return new GrantStore.NewGrant(connection, scopes, "answers support mail", user, approver, expiresAt);
  }

  // --- vault --------------------------------------------------------------------------------

  @Test
  void aCanarySecretIsNeverStoredOrAuditedInClear() throws Exception {
    String canary = "canary-" + UUID.randomUUID();
    var stored = connections.storeCredential(tenant, ADMIN, connection, canary);
    assertThat(reveal(tenant, connection)).isEqualTo(canary);
    String dump = TableDump.of(db);
    assertThat(dump).contains(connection).doesNotContain(canary)
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(canary.getBytes()));
    AuditEntry entry = auditLog.after(tenant, 0, 1000).stream()
        .filter(e -> e.kind().equals("credential.stored")).findFirst().orElseThrow();
    assertThat(entry.data().get("keyId").asText()).isEqualTo(stored.keyId());
    assertThat(entry.data().toString()).doesNotContain(canary);
  }

  @Test
  void keysetsAreStoredOnlyEncryptedAndBoundToTheirTenant() throws Exception {
    connections.storeCredential(tenant, ADMIN, connection, "s3cret-value");
    String row = db.jdbi().withHandle(h -> h.createQuery("SELECT keyset FROM tenant_keysets WHERE tenant_id = :t")
        .bind("t", tenant).mapTo(String.class).one());
    assertThat(row).contains("encryptedKeyset");
    assertThatThrownBy(() -> TinkJsonProtoKeysetFormat.parseKeyset(row, InsecureSecretKeyAccess.get()))
        .isInstanceOf(GeneralSecurityException.class);

    String other = tenants.create("Globex", ADMIN).tenant().id();
    keysets.ensure(other, ADMIN);
    db.jdbi().useHandle(h -> h.createUpdate("UPDATE tenant_keysets SET keyset = :k WHERE tenant_id = :t")
        .bind("k", row).bind("t", other).execute());
    assertThatThrownBy(() -> db.jdbi().useHandle(h -> keysets.load(h, other)))
        .hasMessageContaining("does not decrypt");
  }

  @Test
  void aCiphertextMovedToAnotherConnectionOrTenantFailsToDecrypt() throws Exception {
    String second = connections.create(tenant, ADMIN, "Mail", "email", vendor, "https://mail.example").id();
    connections.storeCredential(tenant, ADMIN, connection, "crm-secret");
    connections.storeCredential(tenant, ADMIN, second, "mail-secret");
    String ciphertext = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT ciphertext FROM credentials WHERE tenant_id = :t AND connection_id = :c")
        .bind("t", tenant).bind("c", connection).mapTo(String.class).one());
    db.jdbi().useHandle(h -> h.createUpdate(
        "UPDATE credentials SET ciphertext = :ct WHERE tenant_id = :t AND connection_id = :c")
        .bind("ct", ciphertext).bind("t", tenant).bind("c", second).execute());
    assertThatThrownBy(() -> reveal(tenant, second)).isInstanceOf(GeneralSecurityException.class);

    // Same ciphertext into another tenant's connection: another keyset and other associated data.
    String other = tenants.create("Globex", ADMIN).tenant().id();
    String otherUser = users.create(other, ADMIN, "g@globex.example", "G", Role.ADMIN, "long enough password").id();
    String otherVendor = vendors.create(other, ADMIN, "Salesforce", Criticality.HIGH, null, null).id();
    String otherConnection = connections.create(other, ADMIN, "CRM", "crm", otherVendor, "https://g.example").id();
    connections.storeCredential(other, ADMIN, otherConnection, "their-secret");
    db.jdbi().useHandle(h -> h.createUpdate(
        "UPDATE credentials SET ciphertext = :ct WHERE tenant_id = :t AND connection_id = :c")
        .bind("ct", ciphertext).bind("t", other).bind("c", otherConnection).execute());
    assertThatThrownBy(() -> reveal(other, otherConnection)).isInstanceOf(GeneralSecurityException.class);
    assertThat(otherUser).isNotBlank();
    assertThat(reveal(tenant, connection)).isEqualTo("crm-secret");
  }

  @Test
  void rotationKeepsOldCredentialsReadableAndReencryptionRetiresTheOldKey() throws Exception {
    connections.storeCredential(tenant, ADMIN, connection, "before-rotation");
    String oldKey = keysets.keys(tenant).get(0).keyId();
    TenantKey fresh = keysets.rotate(tenant, ADMIN);
    assertThat(fresh.keyId()).isNotEqualTo(oldKey);
    assertThat(keysets.keys(tenant)).extracting(TenantKey::keyId, TenantKey::primary)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(oldKey, false),
            org.assertj.core.groups.Tuple.tuple(fresh.keyId(), true));
    assertThat(reveal(tenant, connection)).isEqualTo("before-rotation");
    String second = connections.create(tenant, ADMIN, "Slack", "slack", vendor, "wss://slack.example").id();
    assertThat(connections.storeCredential(tenant, ADMIN, second, "after-rotation").keyId())
        .isEqualTo(fresh.keyId());

    assertThat(connections.reencrypt(tenant, ADMIN)).isEqualTo(1);
    List<Long> keyIds = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT key_id FROM credentials WHERE tenant_id = :t").bind("t", tenant).mapTo(Long.class).list());
    assertThat(keyIds).containsOnly(Long.parseLong(fresh.keyId()));
    assertThat(reveal(tenant, connection)).isEqualTo("before-rotation");
    assertThat(keysets.keys(tenant)).filteredOn(k -> k.keyId().equals(oldKey))
        .singleElement().satisfies(k -> assertThat(k.retiredAt()).isNotNull());
    assertThat(auditLog.verify(tenant).intact()).isTrue();
  }

  // --- grants -------------------------------------------------------------------------------

  @Test
  void grantsAreValidatedAgainstTheirTenant() {
    String other = tenants.create("Globex", ADMIN).tenant().id();
    String stranger = users.create(other, ADMIN, "s@globex.example", "S", Role.ADMIN, "long enough password").id();
    long before = auditLog.verify(tenant).checked();
    assertThatThrownBy(() -> grants.create(tenant, ADMIN, agent, grant(List.of("crm"), null)))
        .isInstanceOf(Rejected.class).hasMessageContaining("not a scope");
    assertThatThrownBy(() -> grants.create(tenant, ADMIN, agent, grant(List.of(), null)))
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> grants.create(tenant, ADMIN, agent, grant(List.of("crm:read"), clock.instant())))
        .hasMessageContaining("future");
    assertThatThrownBy(() -> grants.create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection,
        List.of("crm:read"), "x", stranger, approver, null))).hasMessageContaining("requestedBy");
    assertThatThrownBy(() -> grants.create(tenant, ADMIN, agent, new GrantStore.NewGrant("con_nope",
        List.of("crm:read"), "x", user, approver, null))).hasMessageContaining("connectionId");
    assertThatThrownBy(() -> grants.create(other, ADMIN, agent, grant(List.of("crm:read"), null)))
        .isInstanceOf(Rejected.class).extracting(e -> ((Rejected) e).reason()).isEqualTo(Rejected.Reason.NOT_FOUND);
    assertThat(auditLog.verify(tenant).checked()).isEqualTo(before);
  }

  @Test
  void onlyAnActiveAdminOrComplianceUserApprovesGrantsAndReviewsAccess() {
    String auditor = users.create(tenant, ADMIN, "aud@acme.example", "Aud", Role.AUDITOR, "long enough password").id();
    String gone = users.create(tenant, ADMIN, "gone@acme.example", "Gone", Role.COMPLIANCE, "long enough password")
        .id();
    users.update(tenant, ADMIN, gone, new UserStore.Change(null, null, false));
    long before = auditLog.verify(tenant).checked();
    assertThatThrownBy(() -> grants.create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection,
        List.of("crm:read"), "x", user, auditor, null))).isInstanceOf(Rejected.class)
        .hasMessageContaining("approvedBy: user " + auditor + " is auditor and cannot approve grants");
    assertThatThrownBy(() -> grants.create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection,
        List.of("crm:read"), "x", user, gone, null))).isInstanceOf(Rejected.class)
        .hasMessageContaining("approvedBy: user " + gone + " is deactivated and cannot approve grants");
    assertThatThrownBy(() -> grants.review(tenant, ADMIN, agent, auditor, ReviewDecision.KEEP, "fine"))
        .isInstanceOf(Rejected.class).hasMessageContaining("reviewerId: user " + auditor + " is auditor");
    assertThatThrownBy(() -> exceptions.create(tenant, ADMIN, "AC-1", "gra_1", "r", gone,
        clock.instant().plusSeconds(60))).as("not an auditor: deactivated")
        .hasMessageContaining("is deactivated and cannot approve exceptions");
    assertThat(auditLog.verify(tenant).checked()).as("nothing recorded").isEqualTo(before);

    String compliance = users.create(tenant, ADMIN, "c@acme.example", "C", Role.COMPLIANCE, "long enough password")
        .id();
    assertThat(grants.create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection, List.of("crm:read"), "x", user,
        compliance, null)).approvedBy()).isEqualTo(compliance);
    assertThat(grants.review(tenant, ADMIN, agent, compliance, ReviewDecision.KEEP, "fine").reviewerId())
        .isEqualTo(compliance);
  }

  @Test
  void aGrantExpiresExactlyAtItsExpiryAndRevocationKeepsHistory() {
    Instant expiry = clock.instant().plus(Duration.ofHours(1));
    Grant g = grants.create(tenant, ADMIN, agent, grant(List.of("crm:read", "crm:read", "mail:*"), expiry));
    assertThat(g.scopes()).containsExactly("crm:read", "mail:*");
    clock.advance(Duration.ofHours(1).minusMillis(1));
    assertThat(grants.ofAgent(tenant, agent, false, "", 100).items()).extracting(Grant::id).containsExactly(g.id());
    clock.advance(Duration.ofMillis(1));
    assertThat(grants.ofAgent(tenant, agent, false, "", 100).items()).isEmpty();
    assertThat(grants.ofAgent(tenant, agent, true, "", 100).items()).extracting(Grant::id).containsExactly(g.id());

    Grant open = grants.create(tenant, ADMIN, agent, grant(List.of("crm:write"), null));
    grants.revoke(tenant, ADMIN, agent, open.id());
    grants.revoke(tenant, ADMIN, agent, open.id());
    assertThat(grants.ofAgent(tenant, agent, false, "", 100).items()).isEmpty();
    assertThat(grants.ofAgent(tenant, agent, true, "", 100).items()).filteredOn(x -> x.id().equals(open.id()))
        .singleElement().satisfies(x -> assertThat(x.revokedAt()).isNotNull());
    assertThat(auditLog.after(tenant, 0, 1000)).filteredOn(e -> e.kind().equals("grant.revoked")).hasSize(1);
  }

  @Test
  void retirementAndRevokingReviewsRevokeGrants() {
    Grant g = grants.create(tenant, ADMIN, agent, grant(List.of("crm:read"), null));
    var review = grants.review(tenant, ADMIN, agent, approver, ReviewDecision.REVOKE, "no longer needed");
    assertThat(review.decision()).isEqualTo(ReviewDecision.REVOKE);
    assertThat(grants.ofAgent(tenant, agent, false, "", 100).items()).isEmpty();

    String second = agents.create(tenant, ADMIN, "crm-bot", user, null).id();
    grants.create(tenant, ADMIN, second, new GrantStore.NewGrant(connection, List.of("*"), "x", user, approver, null));
    agents.changeStatus(tenant, ADMIN, second, AgentStatus.RETIRED);
    assertThat(grants.ofAgent(tenant, second, false, "", 100).items()).isEmpty();
    assertThatThrownBy(() -> grants.create(tenant, ADMIN, second, grant(List.of("crm:read"), null)))
        .hasMessageContaining("retired");
    AuditEntry retired = auditLog.after(tenant, 0, 1000).stream()
        .filter(e -> e.kind().equals("agent.status_changed")).reduce((a, b) -> b).orElseThrow();
    assertThat(retired.data().get("revokedGrants")).hasSize(1);
    assertThat(g.id()).isNotBlank();
  }

  // --- exceptions, vendors, incidents ------------------------------------------------------

  @Test
  void exceptionsNameARealControlAndAFutureExpiry() {
    String g = grants.create(tenant, ADMIN, agent, grant(List.of("crm:read"), null)).id();
    assertThatThrownBy(() -> exceptions.create(tenant, ADMIN, "AC-1", "gra_1", "r", approver,
        clock.instant().plusSeconds(60))).hasMessageContaining("no grant gra_1");
    assertThatThrownBy(() -> exceptions.create(tenant, ADMIN, "XX-9", "gra_1", "r", approver,
        clock.instant().plusSeconds(60))).hasMessageContaining("not a control");
    assertThatThrownBy(() -> exceptions.create(tenant, ADMIN, "AC-1", g, "r", approver,
        clock.instant())).hasMessageContaining("future");
    assertThatThrownBy(() -> exceptions.create(tenant, ADMIN, "AC-1", g, "r", approver,
        clock.instant().plus(Duration.ofDays(365)).plusMillis(1))).hasMessageContaining("at most 365 days");
    String auditor = users.create(tenant, ADMIN, "audit" + System.nanoTime() + "@acme.example", "Aud",
        Role.AUDITOR, "a long enough password").id();
    assertThatThrownBy(() -> exceptions.create(tenant, ADMIN, "AC-1", g, "r", auditor,
        clock.instant().plusSeconds(60))).hasMessageContaining("cannot approve exceptions");
    assertThat(exceptions.create(tenant, ADMIN, "AC-1", g, "a year", approver,
        clock.instant().plus(Duration.ofDays(365))).id()).isNotBlank();
    var e = exceptions.create(tenant, ADMIN, "AC-1", g, "break-glass account", approver,
        clock.instant().plusSeconds(60));
    assertThat(e.coversAt(clock.instant().plusSeconds(59))).isTrue();
    assertThat(e.coversAt(clock.instant().plusSeconds(60))).isFalse();
  }

  @Test
  void vendorReviewsCannotBeFromTheFuture() {
    Instant now = clock.instant();
    assertThatThrownBy(() -> vendors.review(tenant, ADMIN, vendor, new VendorStore.NewReview(
        now.plus(Duration.ofDays(1)), "Rita", ReviewOutcome.APPROVED, null, null)))
        .hasMessageContaining("before it happens");
    assertThatThrownBy(() -> vendors.review(tenant, ADMIN, vendor, new VendorStore.NewReview(
        now, "Rita", ReviewOutcome.APPROVED, LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusDays(30), null)))
        .hasMessageContaining("soc2PeriodEnd");
    vendors.review(tenant, ADMIN, vendor, new VendorStore.NewReview(now.minus(Duration.ofDays(10)), "Rita",
        ReviewOutcome.APPROVED_WITH_CONDITIONS, LocalDate.of(2026, 6, 30), "MFA findings open"));
    assertThat(vendors.reviews(tenant, vendor, "", 100).items()).singleElement()
        .satisfies(r -> assertThat(r.soc2PeriodEnd()).isEqualTo(LocalDate.of(2026, 6, 30)));
    // Newest first, paged by the last review seen: two on the same day are ordered by id.
    VendorStore.NewReview later = new VendorStore.NewReview(now.minus(Duration.ofDays(2)), "Rita",
        ReviewOutcome.APPROVED, null, null);
    List<String> newest = List.of(vendors.review(tenant, ADMIN, vendor, later).id(),
        vendors.review(tenant, ADMIN, vendor, later).id());
    var first = vendors.reviews(tenant, vendor, "", 2);
    assertThat(first.items()).extracting(VendorReview::id).containsExactly(newest.get(1), newest.get(0));
    var rest = vendors.reviews(tenant, vendor, first.nextCursor(), 2);
    assertThat(rest.items()).extracting(VendorReview::reviewer).containsExactly("Rita");
    assertThat(rest.items().get(0).soc2PeriodEnd()).isEqualTo(LocalDate.of(2026, 6, 30));
    assertThat(rest.nextCursor()).isNull();
  }

  @Test
  void anIncidentTimelineNeverPrecedesDetection() {
    Instant detected = clock.instant().minus(Duration.ofHours(10));
    Incident i = incidents.create(tenant, ADMIN, "Leaked token", Severity.SEV2, detected, true, "rotated");
    long before = auditLog.verify(tenant).checked();
    assertThatThrownBy(() -> incidents.updateTimeline(tenant, ADMIN, i.id(),
        new IncidentStore.Timeline(detected.minusSeconds(1), null, null, null)))
        .hasMessageContaining("containedAt: cannot precede detectedAt");
    assertThatThrownBy(() -> incidents.updateTimeline(tenant, ADMIN, i.id(),
        new IncidentStore.Timeline(null, null, null, detected.plusSeconds(60))))
        .hasMessageContaining("only once resolved");
    assertThatThrownBy(() -> incidents.updateTimeline(tenant, ADMIN, i.id(),
        new IncidentStore.Timeline(null, null, clock.instant().plus(Duration.ofDays(1)), null)))
        .hasMessageContaining("future");
    assertThat(auditLog.verify(tenant).checked()).isEqualTo(before);
    Incident contained = incidents.updateTimeline(tenant, ADMIN, i.id(),
        new IncidentStore.Timeline(detected.plus(Duration.ofHours(2)), detected.plus(Duration.ofHours(5)), null, null));
    assertThat(contained.containedAt()).isEqualTo(detected.plus(Duration.ofHours(2)));
    assertThatThrownBy(() -> incidents.updateTimeline(tenant, ADMIN, i.id(),
        new IncidentStore.Timeline(null, null, detected.plus(Duration.ofHours(1)), null)))
        .hasMessageContaining("resolvedAt: cannot precede containedAt");
  }
}
