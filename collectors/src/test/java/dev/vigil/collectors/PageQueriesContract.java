package dev.vigil.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.ReviewOutcome;
import dev.vigil.controls.model.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reads behind the dashboard's vendor, connection, incident and audit trail pages, against
 * real databases: each is scoped by tenant and pages by its keyset, and the audit trail's
 * filtered pages read a bounded stretch of the chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PageQueriesContract {

  static final Actor ADMIN = new Actor("token", "tok_test");

  private TestDb db;
  private MutableClock clock;
  private TestStores stores;
  private String tenant;
  private String other;
  private String ann;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    clock = MutableClock.startingNow();
    stores = TestStores.on(db, clock);
  }

  @AfterAll
  void close() {
    if (db != null) db.close();
  }

  @BeforeEach
  void freshTenants() {
    tenant = stores.tenants().create("Acme " + stores.ids().next("t"), ADMIN).tenant().id();
    other = stores.tenants().create("Globex " + stores.ids().next("t"), ADMIN).tenant().id();
    ann = stores.users().create(tenant, ADMIN, "ann@acme.example", "Ann", Role.ADMIN, "a long enough password").id();
  }

  @Test
  void theLatestReviewOfEachVendorIsTheOneVm1Reads() {
    String salesforce = vendor(tenant, "Salesforce");
    String slack = vendor(tenant, "Slack");
    String never = vendor(tenant, "Zendesk");
    Instant now = clock.instant();
    review(salesforce, now.minus(Duration.ofDays(400)));
    String latest = review(salesforce, now.minus(Duration.ofDays(10)));
    review(salesforce, now.minus(Duration.ofDays(200)));
    // Two reviews at one instant: the greater id is the latest, as VM-1 orders them.
    String first = review(slack, now.minus(Duration.ofDays(3)));
    String second = review(slack, now.minus(Duration.ofDays(3)));
    String greater = first.compareTo(second) > 0 ? first : second;

    Map<String, dev.vigil.controls.model.VendorReview> reviews = stores.vendors().latestReviews(tenant,
        List.of(salesforce, slack, never));
    assertThat(reviews).containsOnlyKeys(salesforce, slack);
    assertThat(reviews.get(salesforce).id()).isEqualTo(latest);
    assertThat(reviews.get(slack).id()).isEqualTo(greater);
    assertThat(stores.vendors().latestReviews(other, List.of(salesforce, slack))).as("another tenant's").isEmpty();
    assertThat(stores.vendors().latestReviews(tenant, List.of())).isEmpty();
  }

  @Test
  void aVendorsConnectionsArePagedWithTheirCredentialsMetadataOnly() {
    String salesforce = vendor(tenant, "Salesforce");
    String slack = vendor(tenant, "Slack");
    ConnectionStore connections = stores.connections();
    String a = connections.create(tenant, ADMIN, "CRM", "crm", salesforce, "https://a.example").id();
    String b = connections.create(tenant, ADMIN, "CRM sandbox", "crm", salesforce, "https://b.example").id();
    String c = connections.create(tenant, ADMIN, "CRM old", "crm", salesforce, "https://c.example").id();
    connections.create(tenant, ADMIN, "Chat", "slack", slack, "https://chat.example");
    connections.storeCredential(tenant, ADMIN, b, "canary-secret-value");
    connections.retire(tenant, ADMIN, c);

    var page = connections.ofVendor(tenant, salesforce, "", 2);
    assertThat(page.items()).extracting(v -> v.connection().id()).containsExactly(a, b);
    assertThat(page.items().get(1).credential()).isNotNull();
    assertThat(page.items().get(1).credential().toString()).doesNotContain("canary-secret-value");
    assertThat(page.items().get(0).credential()).isNull();
    var rest = connections.ofVendor(tenant, salesforce, page.nextCursor(), 2);
    assertThat(rest.items()).extracting(v -> v.connection().id()).as("retired ones too").containsExactly(c);
    assertThat(rest.nextCursor()).isNull();
    assertThat(connections.ofVendor(other, salesforce, "", 10).items()).as("another tenant's").isEmpty();
  }

  @Test
  void aPagesGrantsNameTheirAgentsInOneReadWithinTheTenant() {
    String connection = stores.connections().create(tenant, ADMIN, "CRM", "crm", vendor(tenant, "Salesforce"),
        "https://crm.example").id();
    String scout = stores.agents().create(tenant, ADMIN, "scout", ann, "triage").id();
    String clerk = stores.agents().create(tenant, ADMIN, "clerk", ann, "filing").id();
    String read = grant(scout, connection, "crm:read");
    String write = grant(clerk, connection, "crm:write");
    String revoked = grant(clerk, connection, "crm:delete");
    stores.grants().revoke(tenant, ADMIN, clerk, revoked);
    String otherConnection = stores.connections().create(other, ADMIN, "CRM", "crm", vendor(other, "Salesforce"),
        "https://crm.example").id();
    String otherAnn = stores.users().create(other, ADMIN, "ann@globex.example", "Ann", Role.ADMIN,
        "a long enough password").id();
    String otherAgent = stores.agents().create(other, ADMIN, "spy", otherAnn, "elsewhere").id();
    String elsewhere = stores.grants().create(other, ADMIN, otherAgent, new GrantStore.NewGrant(otherConnection,
        List.of("crm:read"), "why", otherAnn, otherAnn, null)).id();

    assertThat(stores.grants().agentsOf(tenant, List.of(read, write, revoked, elsewhere, "gra_unknown")))
        .isEqualTo(Map.of(read, scout, write, clerk, revoked, clerk));
    assertThat(stores.grants().agentsOf(tenant, List.of())).isEmpty();
  }

  private String grant(String agent, String connection, String scope) {
    return stores.grants().create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection, List.of(scope),
        "why", ann, ann, null)).id();
  }

  @Test
  void findingsAboutOneMemberArePagedByStatusWithinTheTenant() {
    Instant now = clock.instant();
    finding(tenant, "fnd_1", "con_x", "OPEN", now);
    finding(tenant, "fnd_2", "con_y", "OPEN", now);
    finding(tenant, "fnd_3", "con_x", "RESOLVED", now);
    finding(tenant, "fnd_4", "con_x", "OPEN", now);
    finding(tenant, "fnd_5", "con_x", "OPEN", now);
    finding(other, "fnd_6", "con_x", "OPEN", now);
    ControlQueries q = new ControlQueries(db.jdbi());

    var page = q.findingsAbout(tenant, "con_x", FindingStatus.OPEN, "", 2);
    assertThat(page.items()).extracting(Finding::id).containsExactly("fnd_1", "fnd_4");
    var rest = q.findingsAbout(tenant, "con_x", FindingStatus.OPEN, page.nextCursor(), 2);
    assertThat(rest.items()).extracting(Finding::id).containsExactly("fnd_5");
    assertThat(rest.nextCursor()).isNull();
    assertThat(q.findingsAbout(tenant, "con_x", FindingStatus.RESOLVED, null, 10).items()).extracting(Finding::id)
        .containsExactly("fnd_3");
    assertThat(q.findingsAbout(other, "con_x", FindingStatus.OPEN, "", 10).items()).extracting(Finding::id)
        .containsExactly("fnd_6");
  }

  @Test
  void onlyActiveGrantsOnAConnectionAreCounted() {
    String crm = stores.connections().create(tenant, ADMIN, "CRM", "crm", vendor(tenant, "Salesforce"),
        "https://a.example").id();
    String bob = stores.users().create(tenant, ADMIN, "bob@acme.example", "Bob", Role.ADMIN, "a long enough password")
        .id();
    String agent = stores.agents().create(tenant, ADMIN, "mailer", ann, "mail").id();
    GrantStore grants = stores.grants();
    grant(agent, crm, bob, null);
    String revoked = grant(agent, crm, bob, null);
    grant(agent, crm, bob, clock.instant().plus(Duration.ofHours(1)));
    grants.revoke(tenant, ADMIN, agent, revoked);
    assertThat(grants.activeOnConnection(tenant, crm)).isEqualTo(2);
    clock.advance(Duration.ofHours(2));
    assertThat(grants.activeOnConnection(tenant, crm)).as("the expired one no longer").isEqualTo(1);
    assertThat(grants.activeOnConnection(other, crm)).isZero();
  }

  @Test
  void theAuditTrailFiltersByKindActorSubjectAndSeqBothWays() {
    String salesforce = vendor(tenant, "Salesforce");
    String slack = vendor(tenant, "Slack");
    stores.vendors().update(tenant, new Actor("user", ann), slack, new VendorStore.Change("Slack HQ", null, null, null,
        null, null));
    review(salesforce, clock.instant().minusSeconds(60));
    vendor(other, "Globex vendor");
    AuditLog log = stores.auditLog();

    var created = log.trail(tenant, new AuditLog.Filter("vendor.created", null, null, 1, Long.MAX_VALUE), true, 0, 10);
    assertThat(created.entries()).extracting(AuditEntry::subject).containsExactly(slack, salesforce);
    assertThat(created.next()).isNull();
    var byAnn = log.trail(tenant, new AuditLog.Filter(null, ann, null, 1, Long.MAX_VALUE), true, 0, 10);
    assertThat(byAnn.entries()).extracting(AuditEntry::kind).containsExactly("vendor.updated");
    var aboutSalesforce = log.trail(tenant, new AuditLog.Filter(null, null, salesforce, 1, Long.MAX_VALUE), false, 0,
        10);
    assertThat(aboutSalesforce.entries()).extracting(AuditEntry::kind).containsExactly("vendor.created",
        "vendor.reviewed");
    assertThat(log.trail(tenant, new AuditLog.Filter("x".repeat(81), null, null, 1, Long.MAX_VALUE), true, 0, 10)
        .entries()).as("longer than the column").isEmpty();

    // Unfiltered, a page at a time, newest first and then by seq, within a seq range.
    List<AuditEntry> all = log.after(tenant, 0, 1000);
    long head = all.get(all.size() - 1).seq();
    var newest = log.trail(tenant, AuditLog.Filter.ALL, true, 0, 2);
    assertThat(newest.entries()).extracting(AuditEntry::seq).containsExactly(head, head - 1);
    var older = log.trail(tenant, AuditLog.Filter.ALL, true, newest.next(), 2);
    assertThat(older.entries()).extracting(AuditEntry::seq).containsExactly(head - 2, head - 3);
    var ranged = log.trail(tenant, new AuditLog.Filter(null, null, null, 2, 3), false, 0, 10);
    assertThat(ranged.entries()).extracting(AuditEntry::seq).containsExactly(2L, 3L);
    assertThat(ranged.next()).isNull();
    var oldest = log.trail(tenant, new AuditLog.Filter(null, null, null, 2, 4), false, 0, 2);
    assertThat(log.trail(tenant, new AuditLog.Filter(null, null, null, 2, 4), false, oldest.next(), 2).entries())
        .extracting(AuditEntry::seq).containsExactly(4L);
    assertThat(log.trail(other, new AuditLog.Filter("vendor.created", null, null, 1, Long.MAX_VALUE), true, 0, 10)
        .entries()).extracting(AuditEntry::subject).doesNotContain(salesforce, slack);
  }

  @Test
  void aFilteredPageSearchesAtMostAStretchOfTheChainAndSaysWhereToGoOn() {
    String salesforce = vendor(tenant, "Salesforce");
    long head = fill(tenant, AuditLog.SCAN + 50);
    AuditLog log = stores.auditLog();
    AuditLog.Filter created = new AuditLog.Filter("vendor.created", null, null, 1, Long.MAX_VALUE);

    var first = log.trail(tenant, created, true, 0, 10);
    assertThat(first.entries()).isEmpty();
    assertThat(first.searchedTo()).isEqualTo(head);
    assertThat(first.searchedFrom()).isEqualTo(head - AuditLog.SCAN + 1);
    assertThat(first.next()).isEqualTo(head - AuditLog.SCAN + 1);
    var second = log.trail(tenant, created, true, first.next(), 10);
    assertThat(second.entries()).extracting(AuditEntry::subject).containsExactly(salesforce);
    assertThat(second.next()).isNull();

    var forward = log.trail(tenant, created, false, 0, 10);
    assertThat(forward.entries()).extracting(AuditEntry::subject).containsExactly(salesforce);
    assertThat(forward.next()).as("the rest of the chain is still to search").isEqualTo((long) AuditLog.SCAN);
    var unfiltered = log.trail(tenant, AuditLog.Filter.ALL, true, 0, 3);
    assertThat(unfiltered.entries()).extracting(AuditEntry::seq).containsExactly(head, head - 1, head - 2);
  }

  /** Appends {@code n} entries of kind "filler" after the tenant's head, as rows (unhashed); returns the new head. */
  private long fill(String tenantId, int n) {
    long start = stores.auditLog().after(tenantId, 0, 10_000).size();
    db.jdbi().useTransaction(h -> {
      PreparedBatch batch = h.prepareBatch("""
          INSERT INTO audit_entries (tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash)
          VALUES (:t, :seq, :at, 'system', 'test', 'filler', 'x', '{}', :hash)
          """);
      for (long seq = start + 1; seq <= start + n; seq++) {
        batch.bind("t", tenantId).bind("seq", seq).bind("at", clock.instant()).bind("hash", "0".repeat(64)).add();
      }
      batch.execute();
      h.createUpdate("UPDATE audit_heads SET seq = :seq WHERE tenant_id = :t").bind("seq", start + n)
          .bind("t", tenantId).execute();
    });
    return start + n;
  }

  private String vendor(String tenantId, String name) {
    return stores.vendors().create(tenantId, ADMIN, name, Criticality.MEDIUM, "CRM", "contacts").id();
  }

  private String review(String vendorId, Instant at) {
    return stores.vendors().review(tenant, ADMIN, vendorId, new VendorStore.NewReview(at, "Ann",
        ReviewOutcome.APPROVED, null, null)).id();
  }

  private String grant(String agent, String connection, String approver, Instant expiresAt) {
    return stores.grants().create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection, List.of("crm:read"),
        "triage", ann, approver, expiresAt)).id();
  }

  private void finding(String tenantId, String id, String subject, String status, Instant opened) {
    db.jdbi().useHandle(h -> h.createUpdate("""
        INSERT INTO findings (tenant_id, id, control_id, subject_id, detail, opened_at, opened_run_id, status)
        VALUES (:t, :id, 'EN-3', :subject, 'x', :opened, 'run_a', :status)
        """).bind("t", tenantId).bind("id", id).bind("subject", subject).bind("opened", opened)
        .bind("status", status).execute());
  }
}
