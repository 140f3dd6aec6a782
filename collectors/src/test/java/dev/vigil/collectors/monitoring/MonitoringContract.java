package dev.vigil.collectors.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.ControlDeclaration;
import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Evaluation;
import dev.vigil.controls.catalog.Fact;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.catalog.Snapshot;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Criticality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Loading snapshots, running controls and recording runs against real databases (H2 and
 * PostgreSQL), with a clock the tests move. Each test works in a tenant of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MonitoringContract extends MonitoringFixture {

  @Test
  void aFailingRunOpensAFindingAndTheFixResolvesIt() {
    grant("crm:read");
    String wildcard = grant("crm:*");
    RunRecorder.Outcome failed = run("AC-1");
    assertThat(failed.run().result()).isEqualTo(RunResult.FAIL);
    assertThat(failed.run().population()).isEqualTo(2);
    assertThat(failed.run().exceptions()).extracting(d -> d.subjectId()).containsExactly(wildcard);
    assertThat(failed.opened()).isEqualTo(1);
    Finding open = findings("open", "AC-1").get(0);
    assertThat(open.subjectId()).isEqualTo(wildcard);
    assertThat(open.openedAt()).isEqualTo(failed.run().finishedAt());

    clock.advance(Duration.ofMinutes(42));
    stores.grants().revoke(tenant, ADMIN, agent, wildcard);
    RunRecorder.Outcome passed = run("AC-1");
    assertThat(passed.run().result()).isEqualTo(RunResult.PASS);
    assertThat(passed.resolved()).isEqualTo(1);
    assertThat(findings("open", "AC-1")).isEmpty();
    Finding resolved = findings("resolved", "AC-1").get(0);
    assertThat(resolved.id()).isEqualTo(open.id());
    assertThat(Duration.between(resolved.openedAt(), resolved.resolvedAt())).isEqualTo(Duration.ofMinutes(42));
    assertThat(resolved.resolvedRunId()).isEqualTo(passed.run().id());
  }

  @Test
  void eachRunsEvidenceIsHashedIntoTheAuditChain() throws Exception {
    grant("*");
    RunRecorder.Outcome outcome = run("AC-1");
    String evidence = evidence(outcome.run().id());
    assertThat(Sha256.hex(evidence)).isEqualTo(outcome.run().evidenceSha256());
    var json = new ObjectMapper().readTree(evidence);
    assertThat(json.get("controlId").asText()).isEqualTo("AC-1");
    assertThat(json.get("criteria").toString()).isEqualTo("[\"CC6.1\",\"CC6.3\"]");
    assertThat(json.get("procedure").asText()).isNotBlank();
    AuditEntry entry = stores.auditLog().after(tenant, outcome.run().auditSeq() - 1, 1).get(0);
    assertThat(entry.kind()).isEqualTo("control.run");
    assertThat(entry.data().get("evidenceSha256").asText()).isEqualTo(outcome.run().evidenceSha256());
    assertThat(entry.data().get("runId").asText()).isEqualTo(outcome.run().id());
    assertThat(stores.auditLog().verify(tenant).intact()).isTrue();
  }

  @Test
  void aRunsEvidenceListsEveryMemberItExaminedWithTheFailingOnesAmongThem() throws Exception {
    String read = grant("crm:read");
    String wildcard = grant("*");
    String excusedOne = grant("admin");
    stores.exceptions().create(tenant, ADMIN, "AC-1", excusedOne, "migration week", approver,
        clock.instant().plus(Duration.ofDays(7)));
    RunRecorder.Outcome outcome = run("AC-1");
    var json = new ObjectMapper().readTree(evidence(outcome.run().id()));
    assertThat(json.get("population").asLong()).isEqualTo(3);
    assertThat(json.get("membersListed").asBoolean()).isTrue();
    assertThat(texts(json.get("members"))).containsExactlyInAnyOrder(read, wildcard, excusedOne);
    assertThat(texts(json.get("exceptions").findValues("subjectId"))).containsExactly(wildcard);
    assertThat(texts(json.get("excused").findValues("subjectId"))).containsExactly(excusedOne);
  }

  @Test
  void aControlThatCountsEntriesAndAnErrorRunListNoMembers() throws Exception {
    grant("crm:read");
    var lg2 = new ObjectMapper().readTree(evidence(run("LG-2").run().id()));
    assertThat(lg2.get("population").asLong()).isPositive();
    assertThat(lg2.get("members")).isEmpty();
    assertThat(lg2.get("membersListed").asBoolean()).isFalse();
    ControlInfo info = catalog.find("AC-1").orElseThrow().info();
    RunRecorder.Outcome error = new RunRecorder(jdbi, stores.audit(), stores.ids())
        .record(tenant, info, RunTrigger.MANUAL, null, FIVE_MINUTES, clock.instant(), clock.instant(), null,
            "facts did not load");
    var json = new ObjectMapper().readTree(evidence(error.run().id()));
    assertThat(json.get("members")).isEmpty();
    assertThat(json.get("membersListed").asBoolean()).isFalse();
  }

  @Test
  void aPopulationOverTheCapListsNoMembersAndOneAtTheCapListsThemAll() throws Exception {
    RunRecorder capped = new RunRecorder(jdbi, stores.audit(), stores.ids(), FindingSla.DEFAULT, 2);
    ControlInfo info = catalog.find("AC-1").orElseThrow().info();
    Instant at = clock.instant();
    Evaluation three = Evaluation.ofMembers(List.of("grt_1", "grt_2", "grt_3"),
        List.of(new Deviation("grt_2", "wildcard")));
    var over = new ObjectMapper().readTree(evidence(
        capped.record(tenant, info, RunTrigger.MANUAL, null, FIVE_MINUTES, at, at, three, null).run().id()));
    assertThat(over.get("population").asLong()).isEqualTo(3);
    assertThat(over.get("members")).isEmpty();
    assertThat(over.get("membersListed").asBoolean()).isFalse();
    assertThat(texts(over.get("exceptions").findValues("subjectId"))).containsExactly("grt_2");

    Evaluation two = Evaluation.ofMembers(List.of("grt_1", "grt_2"), List.of());
    var atCap = new ObjectMapper().readTree(evidence(
        capped.record(tenant, info, RunTrigger.MANUAL, null, FIVE_MINUTES, at.plusSeconds(1), at.plusSeconds(1), two,
            null)
            .run().id()));
    assertThat(texts(atCap.get("members"))).containsExactly("grt_1", "grt_2");
    assertThat(atCap.get("membersListed").asBoolean()).isTrue();
  }

  static List<String> texts(Iterable<JsonNode> nodes) {
    List<String> out = new ArrayList<>();
    nodes.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void anApprovedExceptionExcusesItsSubjectUntilTheMomentItExpires() {
    String wildcard = grant("*");
    Instant expires = clock.instant().plus(Duration.ofDays(7));
    stores.exceptions().create(tenant, ADMIN, "AC-1", wildcard, "migration week", approver, expires);
    RunRecorder.Outcome excused = run("AC-1");
    assertThat(excused.run().result()).isEqualTo(RunResult.PASS);
    assertThat(excused.run().excused()).extracting(x -> x.subjectId()).containsExactly(wildcard);
    assertThat(excused.run().excused().get(0).expiresAt()).isEqualTo(expires);

    clock.set(expires.minusMillis(1));
    assertThat(run("AC-1").run().result()).isEqualTo(RunResult.PASS);
    clock.set(expires);
    RunRecorder.Outcome lapsed = run("AC-1");
    assertThat(lapsed.run().result()).isEqualTo(RunResult.FAIL);
    assertThat(lapsed.run().excused()).isEmpty();
    assertThat(findings("open", "AC-1")).extracting(Finding::subjectId).containsExactly(wildcard);
  }

  @Test
  void reportedActionsAreJudgedByTheGrantsInForceAtTheirMoment() {
    String read = grant("crm:read");
    clock.advance(Duration.ofMinutes(5));
    Instant t = clock.instant();
    events.ingest(tenant, ADMIN, null, List.of(
        event("crm:read", t.minusSeconds(60)),
        event("crm:write", t.minusSeconds(30)),
        event("crm:write", t.minusSeconds(20)),
        event("crm:read", t.minus(Duration.ofDays(2)))));
    Snapshot s = loader.load(tenant, Set.of(Fact.ACTIONS, Fact.GRANT_LAST_USE), clock.instant());
    // The 2-day-old read predates the grant; it is outside the 24-hour window, so not examined.
    assertThat(s.actions().examined()).isEqualTo(3);
    assertThat(s.actions().outside()).singleElement().satisfies(o -> {
      assertThat(o.action()).isEqualTo("crm:write");
      assertThat(o.count()).isEqualTo(2);
      assertThat(o.firstAt()).isEqualTo(t.minusSeconds(30));
    });
    assertThat(s.grantLastUse()).containsEntry(read, t.minusSeconds(60));

    clock.advance(Duration.ofSeconds(5));
    decisions.authorize(tenant, ADMIN, agent, connection, "crm:read", null);
    Snapshot after = loader.load(tenant, Set.of(Fact.GRANT_LAST_USE), clock.instant());
    assertThat(after.grantLastUse()).containsEntry(read, clock.instant());

    RunRecorder.Outcome ac6 = run("AC-6");
    assertThat(ac6.run().result()).isEqualTo(RunResult.FAIL);
    assertThat(ac6.run().exceptions()).extracting(d -> d.subjectId())
        .containsExactly(agent + "/" + connection + "/crm:write");
  }

  EventStore.NewEvent event(String action, Instant at) {
    return new EventStore.NewEvent(agent, connection, action, "acct/1", "success", at, null, null);
  }

  @Test
  void aTamperedEntryOrCheckpointFailsLg1ByName() throws Exception {
    grant("crm:read");
    checkpoints.signHead(tenant);
    assertThat(run("LG-1").run().result()).isEqualTo(RunResult.PASS);
    long seq = jdbi.withHandle(h -> h.createQuery(
        "SELECT seq FROM audit_entries WHERE tenant_id = :t AND kind = 'agent.created'")
        .bind("t", tenant).mapTo(Long.class).one());
    jdbi.useHandle(h -> h.createUpdate(
        "UPDATE audit_entries SET data = REPLACE(data, 'mailer', 'mallory') WHERE tenant_id = :t AND seq = :seq")
        .bind("t", tenant).bind("seq", seq).execute());
    jdbi.useHandle(h -> h.createUpdate("UPDATE checkpoints SET note = REPLACE(note, 'vigil-audit', 'vigil-audi7') "
        + "WHERE tenant_id = :t").bind("t", tenant).execute());
    RunRecorder.Outcome broken = run("LG-1");
    assertThat(broken.run().result()).isEqualTo(RunResult.FAIL);
    assertThat(broken.run().exceptions()).extracting(d -> d.subjectId()).contains("entry " + seq)
        .anyMatch(s -> s.startsWith("checkpoint "));
  }

  @Test
  void aCredentialStoredInClearFailsEn1WithoutShowingIt() {
    String canary = "canary-" + System.nanoTime();
    stores.connections().storeCredential(tenant, ADMIN, connection, "sk_live_" + canary);
    assertThat(run("EN-1").run().result()).isEqualTo(RunResult.PASS);
    jdbi.useHandle(h -> h.createUpdate("UPDATE credentials SET ciphertext = :clear WHERE tenant_id = :t")
        .bind("clear", "sk_live_" + canary).bind("t", tenant).execute());
    RunRecorder.Outcome outcome = run("EN-1");
    assertThat(outcome.run().result()).isEqualTo(RunResult.FAIL);
    assertThat(outcome.run().exceptions()).extracting(d -> d.subjectId()).containsExactly(connection);
    assertThat(evidence(outcome.run().id())).doesNotContain(canary);
    assertThat(findings("open", "EN-1").get(0).detail()).doesNotContain(canary);
  }

  @Test
  void aRunThatStartedBeforeTheLatestDoesNotMoveStatusOrFindingsBack() {
    String wildcard = grant("*");
    RunRecorder recorder = new RunRecorder(jdbi, stores.audit(), stores.ids());
    ControlInfo info = catalog.find("AC-1").orElseThrow().info();
    Instant later = clock.instant();
    recorder.record(tenant, info, RunTrigger.CHANGE, null, FIVE_MINUTES, later, later,
        Evaluation.ofMembers(List.of(wildcard), List.of(new Deviation(wildcard, "wildcard"))), null);
    RunRecorder.Outcome stale = recorder.record(tenant, info, RunTrigger.CHANGE, null, FIVE_MINUTES, later.minusSeconds(1), later,
        Evaluation.ofMembers(List.of(wildcard), List.of()), null);
    assertThat(stale.status()).isEqualTo(ControlStatus.FAILING);
    assertThat(findings("open", "AC-1")).hasSize(1);
    assertThat(queries.run(tenant, stale.run().id())).isPresent();
  }

  @Test
  void aControlThatCannotEvaluateIsRecordedAsAnErrorNeverAPass() {
    String wildcard = grant("*");
    run("AC-1");
    Control broken = new Control() {
      @Override
      public ControlInfo info() {
        return catalog.find("AC-1").orElseThrow().info();
      }

      @Override
      public Evaluation evaluate(Snapshot snapshot, Instant now) {
        throw new IllegalStateException("boom");
      }
    };
    RunRecorder.Outcome outcome = runner.run(tenant, List.of(broken), RunTrigger.MANUAL, null).get(0);
    assertThat(outcome.run().result()).isEqualTo(RunResult.ERROR);
    assertThat(outcome.status()).isEqualTo(ControlStatus.ERROR);
    assertThat(outcome.run().error()).contains("failed to evaluate").doesNotContain("boom");
    assertThat(findings("open", "AC-1")).extracting(Finding::subjectId).containsExactly(wildcard);
  }

  @Test
  void statusChangesReachTheAlertListenerButAFirstPassDoesNot() {
    grant("crm:read");
    run("AC-1");
    assertThat(alerts).isEmpty();
    grant("*");
    run("AC-1");
    assertThat(alerts).singleElement().satisfies(o -> {
      assertThat(o.previous()).isEqualTo(ControlStatus.PASSING);
      assertThat(o.status()).isEqualTo(ControlStatus.FAILING);
    });
    run("AC-1");
    assertThat(alerts).hasSize(1);
  }

  @Test
  void aRunThatExaminesNothingIsNotApplicableInItsStatusEvidenceAndAuditEntry() throws Exception {
    RunRecorder.Outcome empty = run("AC-1");
    assertThat(empty.run().result()).isEqualTo(RunResult.NOT_APPLICABLE);
    assertThat(empty.status()).isEqualTo(ControlStatus.NOT_APPLICABLE);
    assertThat(empty.run().population()).isZero();
    var json = new ObjectMapper().readTree(evidence(empty.run().id()));
    assertThat(json.get("result").asText()).isEqualTo("not_applicable");
    assertThat(json.get("membersListed").asBoolean()).isFalse();
    AuditEntry entry = stores.auditLog().after(tenant, empty.run().auditSeq() - 1, 1).get(0);
    assertThat(entry.data().get("result").asText()).isEqualTo("not_applicable");
    assertThat(queries.statuses(tenant)).filteredOn(r -> r.controlId().equals("AC-1")).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(ControlStatus.NOT_APPLICABLE));

    // The first member makes it applicable again; counting controls on a tenant with entries are.
    grant("crm:read");
    assertThat(run("AC-1").run().result()).isEqualTo(RunResult.PASS);
    assertThat(run("LG-1").run().result()).isEqualTo(RunResult.PASS);
    assertThat(run("VM-2").run().result()).as("its only vendor is of medium criticality")
        .isEqualTo(RunResult.NOT_APPLICABLE);
  }

  @Test
  void movesBetweenPassingAndNotApplicableRaiseNoAlertButFailingOnesDo() {
    run("AC-1");
    String read = grant("crm:read");
    run("AC-1");
    stores.grants().revoke(tenant, ADMIN, agent, read);
    run("AC-1");
    assertThat(alerts).as("not run, not applicable, passing, not applicable").isEmpty();

    String wildcard = grant("*");
    run("AC-1");
    stores.grants().revoke(tenant, ADMIN, agent, wildcard);
    RunRecorder.Outcome gone = run("AC-1");
    assertThat(gone.resolved()).as("the failing member is gone").isEqualTo(1);
    assertThat(alerts).extracting(o -> o.previous() + ">" + o.status())
        .containsExactly("NOT_APPLICABLE>FAILING", "FAILING>NOT_APPLICABLE");
  }

  @Test
  void en2IsNotApplicableWithoutCredentialsAndFailsWhenTheyOutliveTheirKeys() {
    RunRecorder.Outcome none = run("EN-2");
    assertThat(none.run().result()).isEqualTo(RunResult.NOT_APPLICABLE);
    stores.connections().storeCredential(tenant, ADMIN, connection, "sk_live_" + System.nanoTime());
    assertThat(run("EN-2").run().result()).as("storing it made the keyset").isEqualTo(RunResult.PASS);

    // The key rows lost (a partial restore): the credential is still stored.
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM tenant_keys WHERE tenant_id = :t").bind("t", tenant).execute());
    RunRecorder.Outcome lost = run("EN-2");
    assertThat(lost.run().result()).isEqualTo(RunResult.FAIL);
    assertThat(lost.run().exceptions()).extracting(d -> d.subjectId()).containsExactly("keyset");
    assertThat(findings("open", "EN-2")).extracting(Finding::subjectId).containsExactly("keyset");

    stores.keysets().rotate(tenant, ADMIN);
    assertThat(run("EN-2").run().result()).isEqualTo(RunResult.PASS);
    assertThat(findings("open", "EN-2")).isEmpty();
  }

  @Test
  void aScheduledMomentIsSweptOnceAndCountsForLg3() {
    Sweeper sweeper = new Sweeper(jdbi, catalog, loader, runner, "node-a", clock);
    Instant moment = BASE.minusSeconds(30);
    assertThat(sweeper.sweep(Family.VENDORS, moment)).isGreaterThanOrEqualTo(1);
    assertThat(new Sweeper(jdbi, catalog, loader, runner, "node-b", clock).sweep(Family.VENDORS, moment))
        .isEqualTo(-1);
    List<ControlRun> runs = queries.runs(tenant, "VM-1", null, null, null, 100).items();
    assertThat(runs).singleElement().satisfies(r -> {
      assertThat(r.trigger()).isEqualTo(RunTrigger.SCHEDULE);
      assertThat(r.scheduledFor()).isEqualTo(moment);
      assertThat(r.scheduleSeconds()).as("the schedule it ran under, kept for reports").isEqualTo(300L);
    });
  }

  @Test
  void missedScheduledRunsShowAsAMonitoringGapInLg3() {
    // Two families swept every 20 minutes; vendors stop after the first two sweeps (the service
    // "went down"). Logging is scheduled too (LG-3 runs by hand here), but never swept.
    Map<Family, Duration> schedules = Map.of(Family.VENDORS, Duration.ofMinutes(20),
        Family.INCIDENTS, Duration.ofMinutes(20), Family.LOGGING, Duration.ofMinutes(20));
    SnapshotLoader twoFamilies = new SnapshotLoader(jdbi, stores.connections(), stores.auditLog(),
        CheckpointSigner.loadOrCreate(jdbi, stores.master(), clock).publicKey(), catalog.parameters(), schedules);
    ControlRunner twoRunner = new ControlRunner(twoFamilies, new RunRecorder(jdbi, stores.audit(), stores.ids()),
        (control, outcome) -> { }, clock);
    Sweeper sweeper = new Sweeper(jdbi, catalog, twoFamilies, twoRunner, "node-a", clock);
    for (int i = 0; i <= 6; i++) {
      Instant moment = BASE.plus(Duration.ofMinutes(20L * i)); // BASE: the tenant's creation
      clock.set(moment);
      sweeper.sweep(Family.INCIDENTS, moment);
      if (i <= 1) sweeper.sweep(Family.VENDORS, moment);
      checkpoints.signHead(tenant);
    }
    clock.set(BASE.plus(Duration.ofMinutes(121)));
    RunRecorder.Outcome lg3 = twoRunner.run(tenant, List.of(catalog.find("LG-3").orElseThrow()),
        RunTrigger.MANUAL, null).get(0);
    assertThat(lg3.run().result()).isEqualTo(RunResult.FAIL);
    assertThat(lg3.run().exceptions()).extracting(d -> d.subjectId()).containsExactly("schedule vendors");
    assertThat(lg3.run().exceptions().get(0).detail()).contains("4 of 6");
  }

  @Test
  void changesTriggerCoalescedRunsOfTheControlsTheyAffect() throws Exception {
    ChangeTriggers triggers = new ChangeTriggers(runner, catalog, Duration.ofMillis(300), 2, clock);
    stores.listeners().add(triggers);
    try {
      long started = System.nanoTime();
      for (int i = 0; i < 20; i++) grant("crm:read" + i);
      String wildcard = grant("*");
      long creatingMillis = (System.nanoTime() - started) / 1_000_000;
      Instant deadline = Instant.now().plusSeconds(10);
      while (findings("open", "AC-1").isEmpty() && Instant.now().isBefore(deadline)) Thread.sleep(50);
      assertThat(findings("open", "AC-1")).extracting(Finding::subjectId).containsExactly(wildcard);
      Thread.sleep(800);
      List<ControlRun> runs = queries.runs(tenant, "AC-1", null, null, null, 100).items();
      assertThat(runs).allMatch(r -> r.trigger() == RunTrigger.CHANGE);
      // At most one run per debounce window while the grants were made, plus the one after.
      assertThat(runs.size()).as("21 grants made in %d ms, coalesced", creatingMillis)
          .isBetween(1, (int) (2 + creatingMillis / 300)).isLessThan(21);
    } finally {
      triggers.close();
    }
  }

  @Test
  void aControlDeclaredInTheTestTreeRunsThroughTheSweepsTheTriggersAndTheRecorder() throws Exception {
    List<ControlDeclaration> declarations = new ArrayList<>(Catalog.standard());
    declarations.add(FewVendorsControl.XT_1);
    Catalog withIt = Catalog.of(ControlParameters.defaults(), declarations);

    // The sweep of its family runs it for every tenant; this one has a single vendor.
    new Sweeper(jdbi, withIt, loader, runner, "node-a", clock).sweep(Family.VENDORS, BASE.minusSeconds(90));
    assertThat(queries.runs(tenant, "XT-1", null, null, null, 100).items()).singleElement().satisfies(r -> {
      assertThat(r.trigger()).isEqualTo(RunTrigger.SCHEDULE);
      assertThat(r.result()).isEqualTo(RunResult.PASS);
      assertThat(r.population()).isEqualTo(1);
    });

    // A second vendor is audited as vendor.created, which it declares: that alone re-runs it.
    ChangeTriggers triggers = new ChangeTriggers(runner, withIt, Duration.ofMillis(50), 2, clock);
    stores.listeners().add(triggers);
    try {
      stores.vendors().create(tenant, ADMIN, "Zendesk", Criticality.LOW, "support", "tickets");
      Instant deadline = Instant.now().plusSeconds(10);
      while (findings("open", "XT-1").isEmpty() && Instant.now().isBefore(deadline)) Thread.sleep(20);
    } finally {
      triggers.close();
    }
    assertThat(findings("open", "XT-1")).singleElement().satisfies(f -> {
      assertThat(f.subjectId()).isEqualTo("vendors");
      assertThat(f.detail()).isEqualTo("2 active vendors; at most 1");
    });
    ControlRun changed = queries.runs(tenant, "XT-1", null, null, null, 100).items().stream()
        .filter(r -> r.trigger() == RunTrigger.CHANGE).findFirst().orElseThrow();
    assertThat(changed.result()).isEqualTo(RunResult.FAIL);
    assertThat(new ObjectMapper().readTree(evidence(changed.id())).get("procedure").asText())
        .isEqualTo("Counted the tenant's active vendors and checked that there are at most 1.");
    AuditEntry entry = stores.auditLog().after(tenant, changed.auditSeq() - 1, 1).get(0);
    assertThat(entry.kind()).isEqualTo("control.run");
    assertThat(entry.data().get("controlId").asText()).isEqualTo("XT-1");
  }

  @Test
  void suspendedAgentsGrantsFailAc4() {
    String g = grant("crm:read");
    stores.agents().changeStatus(tenant, ADMIN, agent, AgentStatus.SUSPENDED);
    RunRecorder.Outcome outcome = run("AC-4");
    assertThat(outcome.run().exceptions()).extracting(d -> d.subjectId()).containsExactly(g);
  }
}
