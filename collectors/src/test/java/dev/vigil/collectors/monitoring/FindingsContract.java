package dev.vigil.collectors.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.catalog.FindingSeverity;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Findings people can act on, against real databases: every control's failure names its
 * member, carries a severity, an owner and a due date, is refreshed while open, and is
 * excused (not resolved) by an approved exception; owners and due dates people set stay.
 */
abstract class FindingsContract extends MonitoringFixture {

  /** The one finding of {@code controlId} about {@code subjectId}, open now. */
  Finding open(String controlId, String subjectId) {
    return findings("open", controlId).stream().filter(f -> f.subjectId().equals(subjectId)).findFirst()
        .orElseThrow(() -> new AssertionError("no open " + controlId + " finding on " + subjectId + ": "
            + findings(null, controlId)));
  }

  long lastSeq() {
    return jdbi.withHandle(h -> h.createQuery("SELECT MAX(seq) FROM audit_entries WHERE tenant_id = :t")
        .bind("t", tenant).mapTo(Long.class).one());
  }

  /** Asserts what a person reads of a finding; {@code owner} null means nobody owns it. */
  static void reads(Finding f, String kind, String name, FindingSeverity severity, String owner) {
    assertThat(f.status()).as(f.controlId()).isEqualTo(FindingStatus.OPEN);
    assertThat(f.subjectKind()).as(f.controlId() + " kind").isEqualTo(kind);
    assertThat(f.subjectName()).as(f.controlId() + " name").isEqualTo(name);
    assertThat(f.severity()).as(f.controlId() + " severity").isEqualTo(severity);
    assertThat(f.ownerId()).as(f.controlId() + " owner").isEqualTo(owner);
    assertThat(f.dueAt()).as(f.controlId() + " due").isEqualTo(f.openedAt().plus(FindingSla.DEFAULT.due().get(severity)));
    assertThat(f.summary()).as(f.controlId() + " summary").isNotBlank().doesNotContainPattern("\\b(agt|con|ven|usr|inc)_");
  }

  @Test
  void everyControlsFindingNamesItsMemberWithSeverityOwnerAndDueDate() {
    // A critical vendor, owned by Ann and never reviewed, behind an SSO connection over http.
    String okta = stores.vendors().create(tenant, ADMIN, "Okta", Criticality.CRITICAL, "SSO", "identities", approver)
        .id();
    String sso = stores.connections().create(tenant, ADMIN, "SSO", "sso", okta, "http://sso.acme.example").id();
    String salesforce = stores.connections().find(tenant, connection).orElseThrow().connection().vendorId();
    stores.vendors().update(tenant, ADMIN, salesforce, new VendorStore.Change(null, null, null, null, null, owner));
    String wildcard = grant("*");
    String ssoWildcard = stores.grants().create(tenant, ADMIN, agent, new GrantStore.NewGrant(sso, List.of("admin"),
        "login", owner, approver, null)).id();
    String selfApproved = stores.grants().create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection,
        List.of("crm:read"), "triage", owner, owner, null)).id();
    String dee = stores.users().create(tenant, ADMIN, "d@acme.example", "Dee", Role.ADMIN, "a long enough password")
        .id();
    String reporter = stores.agents().create(tenant, ADMIN, "reporter", dee, "weekly report").id();
    String orphan = stores.grants().create(tenant, ADMIN, reporter, new GrantStore.NewGrant(connection,
        List.of("crm:read"), "reports", dee, approver, null)).id();
    stores.users().update(tenant, ADMIN, dee, new UserStore.Change(null, null, false));
    events.ingest(tenant, ADMIN, null, List.of(new EventStore.NewEvent(agent, connection, "crm:delete", "acct/1",
        "success", clock.instant().minusSeconds(30), null, null)));
    stores.connections().storeCredential(tenant, ADMIN, connection, "sk_live_not_a_secret_here");
    jdbi.useHandle(h -> h.createUpdate("UPDATE credentials SET ciphertext = 'clear' WHERE tenant_id = :t")
        .bind("t", tenant).execute());
    Instant now = clock.instant();
    String late = stores.incidents().create(tenant, ADMIN, "Token leaked in a prompt", Severity.SEV1,
        now.minus(Duration.ofHours(10)), false, null, approver).id();
    String unnotified = stores.incidents().create(tenant, ADMIN, "Mail sent to the wrong customer", Severity.SEV3,
        now.minus(Duration.ofDays(4)), true, null, owner).id();
    String unreviewed = stores.incidents().create(tenant, ADMIN, "CRM outage", Severity.SEV2,
        now.minus(Duration.ofDays(30)), false, null, null).id();
    stores.incidents().updateTimeline(tenant, ADMIN, unreviewed, new IncidentStore.Timeline(
        now.minus(Duration.ofDays(29)), null, now.minus(Duration.ofDays(20)), null));
    for (String id : List.of("AC-1", "AC-2", "AC-4", "AC-6", "EN-1", "EN-3", "VM-1", "VM-2", "VM-3", "IR-1", "IR-2",
        "IR-3")) {
      assertThat(run(id).run().result()).as(id).isEqualTo(RunResult.FAIL);
    }

    reads(open("AC-1", wildcard), "grant", "mailer on CRM", FindingSeverity.MEDIUM, owner);
    // A wildcard on a connection whose vendor is critical is high.
    reads(open("AC-1", ssoWildcard), "grant", "mailer on SSO", FindingSeverity.HIGH, owner);
    assertThat(open("AC-1", wildcard).summary()).isEqualTo("grant " + wildcard
        + " gives agent \"mailer\" scope * on connection \"CRM\"");
    reads(open("AC-2", selfApproved), "grant", "mailer on CRM", FindingSeverity.MEDIUM, owner);
    // The agent's owner left: nobody owns it until someone is assigned.
    reads(open("AC-4", orphan), "grant", "reporter on CRM", FindingSeverity.HIGH, null);
    assertThat(open("AC-4", orphan).summary()).contains("the owner \"Dee\" of agent \"reporter\" is deactivated");
    String action = agent + "/" + connection + "/crm:delete";
    reads(open("AC-6", action), null, "mailer/CRM/crm:delete", FindingSeverity.HIGH, owner);
    reads(open("EN-1", connection), "connection", "CRM", FindingSeverity.CRITICAL, owner);
    reads(open("EN-3", sso), "connection", "SSO", FindingSeverity.CRITICAL, approver);
    reads(open("VM-1", okta), "vendor", "Okta", FindingSeverity.HIGH, approver);
    reads(open("VM-1", salesforce), "vendor", "Salesforce", FindingSeverity.MEDIUM, owner);
    reads(open("VM-2", okta), "vendor", "Okta", FindingSeverity.CRITICAL, approver);
    reads(open("VM-3", sso), "connection", "SSO", FindingSeverity.CRITICAL, approver);
    reads(open("VM-3", connection), "connection", "CRM", FindingSeverity.HIGH, owner);
    reads(open("IR-1", late), "incident", "Token leaked in a prompt", FindingSeverity.CRITICAL, approver);
    reads(open("IR-2", unnotified), "incident", "Mail sent to the wrong customer", FindingSeverity.HIGH, owner);
    reads(open("IR-3", unreviewed), "incident", "CRM outage", FindingSeverity.MEDIUM, null);

    // A year on: grants unused, the agent never reviewed, the key never rotated, and the
    // vendor sweeps, started once, never ran again.
    new Sweeper(jdbi, catalog, loader, runner, "node-a", clock).sweep(Family.VENDORS, clock.instant());
    clock.advance(Duration.ofDays(400));
    for (String id : List.of("AC-3", "AC-5", "EN-2", "LG-3")) {
      assertThat(run(id).run().result()).as(id).isEqualTo(RunResult.FAIL);
    }
    reads(open("AC-3", selfApproved), "grant", "mailer on CRM", FindingSeverity.LOW, owner);
    reads(open("AC-5", agent), "agent", "mailer", FindingSeverity.MEDIUM, owner);
    Finding key = findings("open", "EN-2").get(0);
    reads(key, "key", key.subjectId(), FindingSeverity.MEDIUM, null);
    Finding gap = findings("open", "LG-3").get(0);
    reads(gap, null, gap.subjectId(), FindingSeverity.MEDIUM, null);

    long seq = jdbi.withHandle(h -> h.createQuery(
        "SELECT seq FROM audit_entries WHERE tenant_id = :t AND kind = 'agent.created' ORDER BY seq")
        .bind("t", tenant).mapTo(Long.class).first());
    jdbi.useHandle(h -> h.createUpdate(
        "UPDATE audit_entries SET data = REPLACE(data, 'mailer', 'mallory') WHERE tenant_id = :t AND seq = :seq")
        .bind("t", tenant).bind("seq", seq).execute());
    assertThat(run("LG-1").run().result()).isEqualTo(RunResult.FAIL);
    reads(open("LG-1", "entry " + seq), null, "entry " + seq, FindingSeverity.CRITICAL, null);
  }

  @Test
  void entriesDeletedBeforeTheirRetentionFailLg2WithAHighFinding() {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM audit_entries WHERE tenant_id = :t AND seq <= 2")
        .bind("t", tenant).execute());
    assertThat(run("LG-2").run().result()).isEqualTo(RunResult.FAIL);
    Finding f = findings("open", "LG-2").get(0);
    reads(f, null, f.subjectId(), FindingSeverity.HIGH, null);
  }

  @Test
  void anOpenFindingsTextIsRefreshedByEachRunAndResolvedByTheFix() {
    String incident = stores.incidents().create(tenant, ADMIN, "Prompt injection", Severity.SEV1,
        clock.instant().minus(Duration.ofHours(5)), false, null, owner).id();
    run("IR-1");
    Finding first = open("IR-1", incident);
    assertThat(first.summary()).contains("\"Prompt injection\"").contains("is still not contained after 5h");

    clock.advance(Duration.ofHours(2));
    run("IR-1");
    Finding later = open("IR-1", incident);
    assertThat(later.id()).isEqualTo(first.id());
    assertThat(later.detail()).contains("is still not contained after 7h").doesNotContain("after 5h");
    assertThat(later.summary()).contains("after 7h");
    assertThat(later.openedAt()).isEqualTo(first.openedAt());
  }

  @Test
  void theAgeFilterKeepsFindingsOpenedBeforeItsLimitAndNotOneOpenedAtIt() {
    String wildcard = grant("*");
    run("AC-1");
    Finding f = open("AC-1", wildcard);
    clock.advance(Duration.ofDays(8));
    assertThat(olderThan(f.openedAt())).isEmpty();
    assertThat(olderThan(f.openedAt().plusMillis(1))).containsExactly(f.id());
    assertThat(olderThan(clock.instant().minus(Duration.ofDays(7)))).containsExactly(f.id());
    assertThat(olderThan(clock.instant().minus(Duration.ofDays(30)))).isEmpty();
  }

  /** The ids of the tenant's findings of any status opened before {@code before}. */
  List<String> olderThan(Instant before) {
    return queries.findings(tenant, new FindingFilter(null, null, null, null, null, before), "", 1000).items().stream()
        .map(Finding::id).toList();
  }

  @Test
  void anExceptionExcusesAFindingWithoutResolvingItAndItsEndReopensIt() {
    String wildcard = grant("*");
    run("AC-1");
    Finding opened = open("AC-1", wildcard);
    String exception = stores.exceptions().create(tenant, ADMIN, "AC-1", wildcard, "migration week", approver,
        clock.instant().plus(Duration.ofDays(7))).id();
    clock.advance(Duration.ofMinutes(1));
    RunRecorder.Outcome excused = run("AC-1");
    assertThat(excused.status()).isEqualTo(ControlStatus.PASSING);
    assertThat(excused.excused()).isEqualTo(1);
    assertThat(excused.resolved()).isZero();
    assertThat(excused.openFindings()).isZero();
    Finding f = queries.finding(tenant, opened.id()).orElseThrow();
    assertThat(f.status()).isEqualTo(FindingStatus.EXCUSED);
    assertThat(f.exceptionId()).isEqualTo(exception);
    assertThat(f.resolvedAt()).isNull();
    assertThat(f.excusedAt()).isEqualTo(excused.run().finishedAt());
    assertThat(findings("excused", "AC-1")).extracting(Finding::id).containsExactly(opened.id());
    AuditEntry entry = stores.auditLog().after(tenant, excused.run().auditSeq() - 1, 1).get(0);
    assertThat(entry.data().get("findingsExcused").asInt()).isEqualTo(1);
    assertThat(entry.data().get("findingsResolved").asInt()).isZero();

    clock.advance(Duration.ofMinutes(1));
    stores.exceptions().revoke(tenant, ADMIN, exception, approver, "migration done early");
    RunRecorder.Outcome reopened = run("AC-1");
    assertThat(reopened.status()).isEqualTo(ControlStatus.FAILING);
    Finding again = open("AC-1", wildcard);
    assertThat(again.id()).isEqualTo(opened.id());
    assertThat(again.exceptionId()).isNull();

    clock.advance(Duration.ofMinutes(1));
    stores.grants().revoke(tenant, ADMIN, agent, wildcard);
    run("AC-1");
    Finding resolved = queries.finding(tenant, opened.id()).orElseThrow();
    assertThat(resolved.status()).isEqualTo(FindingStatus.RESOLVED);
    assertThat(resolved.resolvedAt()).isEqualTo(clock.instant());
    assertThat(queries.changes(tenant, opened.id())).extracting(RunDao.Change::change)
        .containsExactly("opened", "excused", "reopened", "resolved");
    assertThat(queries.changes(tenant, opened.id())).allSatisfy(c -> assertThat(c.actorType()).isEqualTo("system"));
  }

  @Test
  void anOwnerAndDueDateAPersonSetsStayThroughRunsAndAreAudited() {
    FindingStore store = new FindingStore(new AuditedWrites(jdbi, stores.audit(), stores.ids(), clock));
    String wildcard = grant("*");
    run("AC-1");
    Finding f = open("AC-1", wildcard);
    long entries = lastSeq();

    // Refused, and nothing changed: an unknown owner, a due date before the opening, another tenant.
    assertThatThrownBy(() -> store.update(tenant, ADMIN, f.id(), new FindingStore.Change("usr_nobody", null, null)))
        .isInstanceOf(Rejected.class).hasMessageContaining("ownerId");
    assertThatThrownBy(() -> store.update(tenant, ADMIN, f.id(),
        new FindingStore.Change(null, f.openedAt().minusSeconds(1), null)))
        .isInstanceOf(Rejected.class).hasMessageContaining("dueAt");
    String other = stores.tenants().create("Other " + System.nanoTime(), ADMIN).tenant().id();
    assertThatThrownBy(() -> store.update(other, ADMIN, f.id(), new FindingStore.Change(null, null, "hi")))
        .isInstanceOf(Rejected.class).satisfies(e -> assertThat(((Rejected) e).reason())
            .isEqualTo(Rejected.Reason.NOT_FOUND));
    assertThat(lastSeq()).isEqualTo(entries);
    assertThat(queries.changes(tenant, f.id())).extracting(RunDao.Change::change).containsExactly("opened");

    Instant due = f.openedAt().plus(Duration.ofDays(3));
    Finding set = store.update(tenant, ADMIN, f.id(), new FindingStore.Change(approver, due, "Ann takes it"));
    assertThat(set.ownerId()).isEqualTo(approver);
    assertThat(set.dueAt()).isEqualTo(due);
    AuditEntry audited = stores.auditLog().after(tenant, entries, 10).get(0);
    assertThat(audited.kind()).isEqualTo("finding.updated");
    assertThat(audited.subject()).isEqualTo(f.id());
    assertThat(audited.data().get("ownerId").get("to").asText()).isEqualTo(approver);
    assertThat(audited.data().get("comment").asText()).isEqualTo("Ann takes it");

    clock.advance(Duration.ofMinutes(5));
    run("AC-1");
    Finding kept = open("AC-1", wildcard);
    assertThat(kept.ownerId()).isEqualTo(approver);
    assertThat(kept.dueAt()).isEqualTo(due);
    assertThat(queries.changes(tenant, f.id())).extracting(RunDao.Change::change)
        .containsExactly("opened", "owner_changed", "due_changed", "commented");
    assertThat(queries.changes(tenant, f.id()).get(1).actorId()).isEqualTo(ADMIN.id());

    stores.grants().revoke(tenant, ADMIN, agent, wildcard);
    run("AC-1");
    assertThatThrownBy(() -> store.update(tenant, ADMIN, f.id(), new FindingStore.Change(owner, null, null)))
        .isInstanceOf(Rejected.class).satisfies(e -> assertThat(((Rejected) e).reason())
            .isEqualTo(Rejected.Reason.CONFLICT));
    assertThat(store.update(tenant, ADMIN, f.id(), new FindingStore.Change(null, null, "fixed by revoking"))
        .status()).isEqualTo(FindingStatus.RESOLVED);
    assertThat(Objects.requireNonNull(queries.changes(tenant, f.id())).get(queries.changes(tenant, f.id()).size() - 1)
        .note()).isEqualTo("fixed by revoking");
  }
}
