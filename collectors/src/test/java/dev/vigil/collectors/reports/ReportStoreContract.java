package dev.vigil.collectors.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Reports' state on real databases: each change with its entry, each tenant on its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportStoreContract {

  private static final Actor COMPLIANCE = new Actor("token", "tok_compliance");
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Instant FROM = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
  private static final List<ReportFile> FILES = List.of(new ReportFile(ReportFile.PDF, 1000, "a".repeat(64)),
      new ReportFile(ReportFile.PACKAGE, 5000, "b".repeat(64)), new ReportFile(ReportFile.OSCAL, 300, "c".repeat(64)));

  private static final String NODE = "node-a";
  private TestDb db;
  private MutableClock clock;
  private TestStores stores;
  private ReportStore reports;
  private String tenant;
  private String other;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    clock = new MutableClock(NOW);
    stores = TestStores.on(db, clock);
    reports = new ReportStore(new AuditedWrites(db.jdbi(), stores.audit(), stores.ids(), clock));
  }

  @AfterAll
  void close() {
    if (db != null) db.close();
  }

  @BeforeEach
  void tenants() {
    clock.set(NOW);
    tenant = stores.tenants().create("Acme", COMPLIANCE).tenant().id();
    other = stores.tenants().create("Globex", COMPLIANCE).tenant().id();
  }

  @Test
  void aPeriodNoReportCanCoverIsABadRequestAndChangesNothing() {
    int before = chain(tenant).size();
    assertRefused(() -> reports.request(tenant, COMPLIANCE, null, TO, TO), "to: must be after from");
    assertRefused(() -> reports.request(tenant, COMPLIANCE, null, TO, FROM), "to: must be after from");
    assertRefused(() -> reports.request(tenant, COMPLIANCE, null, FROM, NOW.plusSeconds(1)), "ends in the future");
    assertRefused(() -> reports.request(tenant, COMPLIANCE, null, Instant.parse("2025-05-31T00:00:00Z"), TO),
        "at most 18 months");
    assertThat(reports.list(tenant, null, 10).items()).isEmpty();
    assertThat(chain(tenant)).hasSize(before);
  }

  @Test
  void eighteenMonthsExactlyIsAllowed() {
    Report r = reports.request(tenant, COMPLIANCE, null, Instant.parse("2025-06-01T00:00:00Z"), TO);
    assertThat(r.status()).isEqualTo(ReportStatus.QUEUED);
  }

  @Test
  void aRequestIsQueuedAuditedAndOnlyItsTenantSeesIt() {
    Report r = reports.request(tenant, COMPLIANCE, "  Q3 — Zoë's review ", FROM, TO);

    assertThat(r.status()).isEqualTo(ReportStatus.QUEUED);
    assertThat(r.title()).isEqualTo("Q3 — Zoë's review");
    assertThat(r.from()).isEqualTo(FROM);
    assertThat(r.to()).isEqualTo(TO);
    assertThat(r.requestedBy()).isEqualTo(COMPLIANCE);
    assertThat(r.files()).isEmpty();
    AuditEntry entry = last(tenant);
    assertThat(entry.kind()).isEqualTo("report.requested");
    assertThat(entry.subject()).isEqualTo(r.id());
    assertThat(entry.actor()).isEqualTo(COMPLIANCE);
    assertThat(entry.data().get("from").asText()).isEqualTo(FROM.toString());
    assertThat(reports.find(other, r.id())).isEmpty();
    assertThat(reports.list(other, null, 10).items()).isEmpty();
  }

  @Test
  void aGeneratedReportHasItsFilesAndTheChainTheirHashes() {
    Report r = reports.request(tenant, COMPLIANCE, null, FROM, TO);
    assertThat(reports.claim(tenant, r.id(), NODE)).isTrue();
    reports.progress(tenant, r.id(), NODE, 0.5);
    assertThat(reports.find(tenant, r.id()).orElseThrow().progress()).isEqualTo(0.5);

    reports.done(tenant, r.id(), NODE, 12, FILES);

    Report done = reports.find(tenant, r.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(ReportStatus.DONE);
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.pages()).isEqualTo(12);
    assertThat(done.files()).containsExactlyElementsOf(FILES);
    assertThat(done.finishedAt()).isNotNull();
    AuditEntry entry = last(tenant);
    assertThat(entry.kind()).isEqualTo("report.generated");
    assertThat(entry.data().get(ReportFile.PACKAGE).get("sha256").asText()).isEqualTo("b".repeat(64));

    reports.downloaded(tenant, new Actor("token", "tok_auditor"), done, FILES.get(1));
    AuditEntry download = last(tenant);
    assertThat(download.kind()).isEqualTo("report.downloaded");
    assertThat(download.actor().id()).isEqualTo("tok_auditor");
    assertThat(download.data().get("file").asText()).isEqualTo(ReportFile.PACKAGE);
  }

  @Test
  void aFailureKeepsItsReasonAndAnotherTenantCannotMoveAReport() {
    Report r = reports.request(tenant, COMPLIANCE, null, FROM, TO);
    assertThat(reports.claim(other, r.id(), NODE)).isFalse();
    reports.claim(tenant, r.id(), NODE);
    reports.failed(other, r.id(), NODE, "not yours");
    assertThat(reports.find(tenant, r.id()).orElseThrow().status()).isEqualTo(ReportStatus.RUNNING);

    reports.failed(tenant, r.id(), NODE, "the chain does not verify at seq 17");

    Report failed = reports.find(tenant, r.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(ReportStatus.FAILED);
    assertThat(failed.reason()).isEqualTo("the chain does not verify at seq 17");
    assertThat(last(tenant).kind()).isEqualTo("report.failed");
    assertThatThrownBy(() -> reports.done(tenant, r.id(), NODE, 1, FILES)).hasMessageContaining("is not running");
  }

  @Test
  void oneNodeTakesAQueuedReportAndOnlyItFinishesIt() {
    Report r = reports.request(tenant, COMPLIANCE, null, FROM, TO);

    assertThat(reports.claim(tenant, r.id(), NODE)).isTrue();
    assertThat(reports.claim(tenant, r.id(), "node-b")).as("taken already").isFalse();
    assertThatThrownBy(() -> reports.done(tenant, r.id(), "node-b", 1, FILES)).hasMessageContaining("is not running");
    reports.failed(tenant, r.id(), "node-b", "not its claim");
    reports.progress(tenant, r.id(), "node-b", 0.9);
    Report still = reports.find(tenant, r.id()).orElseThrow();
    assertThat(still.status()).isEqualTo(ReportStatus.RUNNING);
    assertThat(still.progress()).isZero();
    reports.done(tenant, r.id(), NODE, 3, FILES);
    assertThat(reports.find(tenant, r.id()).orElseThrow().status()).isEqualTo(ReportStatus.DONE);
  }

  @Test
  void aRestartedNodesAndASilentNodesReportsAreQueuedAgainNotALiveOnes() {
    Report mine = reports.request(tenant, COMPLIANCE, null, FROM, TO);
    Report silent = reports.request(other, COMPLIANCE, null, FROM, TO);
    Report live = reports.request(tenant, COMPLIANCE, null, FROM, TO);
    Report done = reports.request(tenant, COMPLIANCE, null, FROM, TO);
    reports.claim(tenant, mine.id(), NODE);
    reports.progress(tenant, mine.id(), NODE, 0.7);
    reports.claim(other, silent.id(), "node-silent");
    reports.claim(tenant, done.id(), NODE);
    reports.done(tenant, done.id(), NODE, 3, FILES);
    clock.advance(Duration.ofMinutes(2));
    reports.claim(tenant, live.id(), "node-live");
    reports.beat("node-live");

    reports.requeue(NODE, clock.instant().minus(Duration.ofMinutes(1)));

    assertThat(reports.find(tenant, mine.id()).orElseThrow().status()).isEqualTo(ReportStatus.QUEUED);
    assertThat(reports.find(tenant, mine.id()).orElseThrow().progress()).isZero();
    assertThat(reports.find(other, silent.id()).orElseThrow().status()).isEqualTo(ReportStatus.QUEUED);
    assertThat(reports.find(tenant, live.id()).orElseThrow().status()).isEqualTo(ReportStatus.RUNNING);
    assertThat(reports.find(tenant, done.id()).orElseThrow().status()).isEqualTo(ReportStatus.DONE);
    assertThat(reports.queued(100)).extracting(Report::id).contains(mine.id(), silent.id())
        .doesNotContain(live.id(), done.id());
    assertThat(reports.claim(other, silent.id(), "node-live")).as("another node takes it up").isTrue();
  }

  @Test
  void listsNewestFirstInPages() {
    Report a = reports.request(tenant, COMPLIANCE, "a", FROM, TO);
    Report b = reports.request(tenant, COMPLIANCE, "b", FROM, TO);
    Report c = reports.request(tenant, COMPLIANCE, "c", FROM, TO);

    var first = reports.list(tenant, null, 2);
    assertThat(first.items()).extracting(Report::id).containsExactly(c.id(), b.id());
    assertThat(reports.list(tenant, first.nextCursor(), 2).items()).extracting(Report::id).containsExactly(a.id());
  }

  private List<AuditEntry> chain(String tenantId) {
    return stores.auditLog().after(tenantId, 0, 10_000);
  }

  private AuditEntry last(String tenantId) {
    List<AuditEntry> all = chain(tenantId);
    return all.get(all.size() - 1);
  }

  private static void assertRefused(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(Rejected.class).hasMessageContaining(message)
        .extracting(e -> ((Rejected) e).reason()).isEqualTo(Rejected.Reason.MALFORMED);
  }
}
