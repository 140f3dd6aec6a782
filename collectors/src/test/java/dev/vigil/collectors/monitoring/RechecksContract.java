package dev.vigil.collectors.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collectors.audit.PendingEntry;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Evaluation;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.ReviewDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A change re-checks only the members it names (a grant, an agent and its grants), against
 * real databases: the findings and status it leaves are those a whole run would, its evidence
 * says what it examined, and whatever it cannot start from runs whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RechecksContract extends MonitoringFixture {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Control control(String id) {
    return catalog.find(id).orElseThrow();
  }

  private RunRecorder.Outcome recheck(String controlId, ChangeScope scope) {
    return runner.recheck(tenant, control(controlId), scope);
  }

  private JsonNode evidenceOf(RunRecorder.Outcome outcome) throws Exception {
    return JSON.readTree(evidence(outcome.run().id()));
  }

  private Set<String> open(String controlId) {
    return findings("open", controlId).stream().map(Finding::subjectId).collect(Collectors.toCollection(TreeSet::new));
  }

  // Unhappy paths first: what a re-check cannot start from runs whole.

  @Test
  void aControlThatNeverRanRunsWholeOnItsFirstChange() throws Exception {
    String clean = grant("crm:read");
    String wildcard = grant("*");

    RunRecorder.Outcome first = recheck("AC-1", ChangeScope.grant(wildcard));

    assertThat(first.run().trigger()).isEqualTo(RunTrigger.CHANGE);
    assertThat(first.run().population()).isEqualTo(2);
    assertThat(evidenceOf(first).has("scope")).isFalse();
    assertThat(open("AC-1")).containsExactly(wildcard);
    assertThat(clean).isNotNull();
  }

  @Test
  void aScopeNamingTooManyMembersRunsWhole() throws Exception {
    grant("crm:read");
    run("AC-1");
    Set<String> many = IntStream.rangeClosed(0, ChangeScope.MAX_NAMED).mapToObj(i -> "grt_" + i)
        .collect(Collectors.toSet());

    RunRecorder.Outcome outcome = recheck("AC-1", new ChangeScope(many, Set.of()));

    assertThat(outcome.run().population()).isEqualTo(1);
    assertThat(evidenceOf(outcome).has("scope")).isFalse();
  }

  @Test
  void aControlThatCountsRatherThanJudgesMembersRunsWhole() throws Exception {
    run("AC-6");
    RunRecorder.Outcome outcome = recheck("AC-6", new ChangeScope(Set.of(), Set.of(agent)));
    assertThat(evidenceOf(outcome).has("scope")).isFalse();
    assertThat(control("AC-6").info().memberwise()).isFalse();
  }

  @Test
  void aControlThatErredRunsWhole() throws Exception {
    String wildcard = grant("*");
    // An error run leaves no status to start from: store one as the runner does when facts fail to load.
    new RunRecorder(jdbi, stores.audit(), stores.ids()).record(tenant, control("AC-1").info(), RunTrigger.MANUAL,
        null, FIVE_MINUTES, clock.instant(), clock.instant(), null, "the facts could not be loaded");

    RunRecorder.Outcome outcome = recheck("AC-1", ChangeScope.grant(wildcard));

    assertThat(outcome.previous()).isEqualTo(ControlStatus.ERROR);
    assertThat(evidenceOf(outcome).has("scope")).isFalse();
    assertThat(open("AC-1")).containsExactly(wildcard);
  }

  // What a re-check does.

  @Test
  void aNewWildcardGrantIsRecheckedAloneAndOpensItsFindingBesideTheOthers() throws Exception {
    String old = grant("crm:*");
    for (int i = 0; i < 5; i++) grant("crm:read" + i);
    RunRecorder.Outcome whole = run("AC-1");
    assertThat(whole.run().population()).isEqualTo(6);
    String fresh = grant("*");

    RunRecorder.Outcome outcome = recheck("AC-1", ChangeScope.grant(fresh));

    assertThat(outcome.run().trigger()).isEqualTo(RunTrigger.CHANGE);
    assertThat(outcome.run().population()).isEqualTo(1);
    assertThat(outcome.run().result()).isEqualTo(RunResult.FAIL);
    assertThat(outcome.opened()).isEqualTo(1);
    assertThat(outcome.resolved()).isZero();
    assertThat(outcome.openFindings()).isEqualTo(2);
    assertThat(open("AC-1")).containsExactlyInAnyOrder(old, fresh);
    JsonNode evidence = evidenceOf(outcome);
    assertThat(evidence.get("members")).extracting(JsonNode::asText).containsExactly(fresh);
    assertThat(evidence.get("scope").get(0).asText())
        .isEqualTo("Re-checked only the grants a change named (" + fresh + "): 1 of them examined, as the procedure says.");
    assertThat(evidence.get("scope").get(1).asText()).startsWith("The other grants were not examined by this run");
    assertThat(evidence.get("scope").get(2).asText())
        .isEqualTo("1 finding about other grants stay open, so the control still fails.");
    // The run is evidence like any other: audited with its record's hash.
    AuditEntry entry = stores.auditLog().after(tenant, outcome.run().auditSeq() - 1, 1).get(0);
    assertThat(entry.kind()).isEqualTo("control.run");
    assertThat(entry.data().get("population").asLong()).isEqualTo(1);
  }

  @Test
  void aCleanGrantRecheckedWhileOthersFailKeepsTheControlFailing() throws Exception {
    String old = grant("crm:*");
    run("AC-1");
    String clean = grant("crm:read");

    RunRecorder.Outcome outcome = recheck("AC-1", ChangeScope.grant(clean));

    assertThat(outcome.run().result()).isEqualTo(RunResult.FAIL);
    assertThat(outcome.status()).isEqualTo(ControlStatus.FAILING);
    assertThat(outcome.run().exceptions()).isEmpty();
    assertThat(open("AC-1")).containsExactly(old);
  }

  @Test
  void revokingTheLastFailingGrantResolvesItsFindingAndPassesTheControl() throws Exception {
    grant("crm:read");
    String wildcard = grant("crm:*");
    assertThat(run("AC-1").status()).isEqualTo(ControlStatus.FAILING);
    stores.grants().revoke(tenant, ADMIN, agent, wildcard);

    RunRecorder.Outcome outcome = recheck("AC-1", ChangeScope.grant(wildcard));

    assertThat(outcome.run().population()).isZero();
    assertThat(outcome.resolved()).isEqualTo(1);
    assertThat(outcome.status()).isEqualTo(ControlStatus.PASSING);
    assertThat(outcome.run().result()).isEqualTo(RunResult.PASS);
    assertThat(open("AC-1")).isEmpty();
    assertThat(findings("resolved", "AC-1")).extracting(Finding::subjectId).containsExactly(wildcard);
  }

  @Test
  void anAgentsChangeRechecksEveryGrantItHoldsAndNoOther() throws Exception {
    List<String> held = List.of(grant("crm:read"), grant("crm:write"), grant("mail:send"));
    String otherAgent = stores.agents().create(tenant, ADMIN, "filer", owner, "files things").id();
    String othersGrant = stores.grants().create(tenant, ADMIN, otherAgent, new GrantStore.NewGrant(connection,
        List.of("crm:read"), "triage", owner, approver, null)).id();
    assertThat(run("AC-4").status()).isEqualTo(ControlStatus.PASSING);
    stores.agents().changeStatus(tenant, ADMIN, agent, AgentStatus.SUSPENDED);

    RunRecorder.Outcome outcome = recheck("AC-4", new ChangeScope(Set.of(), Set.of(agent)));

    assertThat(outcome.run().population()).isEqualTo(3);
    assertThat(outcome.opened()).isEqualTo(3);
    assertThat(open("AC-4")).containsExactlyInAnyOrderElementsOf(held).doesNotContain(othersGrant);
    assertThat(outcome.status()).isEqualTo(ControlStatus.FAILING);

    // Reactivated, the same re-check resolves the three.
    stores.agents().changeStatus(tenant, ADMIN, agent, AgentStatus.ACTIVE);
    RunRecorder.Outcome back = recheck("AC-4", new ChangeScope(Set.of(), Set.of(agent)));
    assertThat(back.resolved()).isEqualTo(3);
    assertThat(back.status()).isEqualTo(ControlStatus.PASSING);
  }

  @Test
  void anotherTenantsGrantNamedInAScopeIsNeitherExaminedNorMoved() throws Exception {
    String mine = grant("crm:*");
    run("AC-1");
    String myTenant = tenant;
    company();
    String theirs = grant("*");
    String theirTenant = tenant;
    tenant = myTenant;

    RunRecorder.Outcome outcome = recheck("AC-1", new ChangeScope(Set.of(mine, theirs), Set.of()));

    assertThat(outcome.run().population()).isEqualTo(1);
    assertThat(evidenceOf(outcome).get("members")).extracting(JsonNode::asText).containsExactly(mine);
    assertThat(open("AC-1")).containsExactly(mine);
    tenant = theirTenant;
    assertThat(findings("open", "AC-1")).isEmpty();
  }

  /**
   * The property that makes re-checks safe: after any series of changes, each re-checking what
   * its entries named, a control's open findings are exactly the members a whole evaluation
   * finds failing, and its status is what a whole run would leave.
   */
  @Test
  void rechecksAfterRandomChangesLeaveWhatAWholeRunFinds() {
    List<PendingEntry> heard = new CopyOnWriteArrayList<>();
    String me = tenant;
    stores.listeners().add((t, entries) -> {
      if (t.equals(me)) heard.addAll(entries);
    });
    List<String> agents = new ArrayList<>(List.of(agent));
    for (int i = 0; i < 3; i++) agents.add(stores.agents().create(tenant, ADMIN, "agent" + i, owner, "works").id());
    List<String> grants = new ArrayList<>();
    Random random = new Random(19);
    List<String> scopes = List.of("crm:read", "crm:write", "crm:*", "*", "admin", "mail:send");
    for (int i = 0; i < 8; i++) grants.add(grantTo(agents.get(random.nextInt(agents.size())), scopes, random));
    List<String> memberwise = List.of("AC-1", "AC-2", "AC-4", "AC-5");
    for (String id : memberwise) run(id);

    for (int step = 0; step < 30; step++) {
      heard.clear();
      clock.advance(Duration.ofMinutes(1));
      String someAgent = agents.get(random.nextInt(agents.size()));
      switch (random.nextInt(5)) {
        case 0, 1 -> grants.add(grantTo(someAgent, scopes, random));
        case 2 -> {
          String g = grants.get(random.nextInt(grants.size()));
          String holder = jdbi.withHandle(h -> h.createQuery("SELECT agent_id FROM grants WHERE tenant_id = :t AND id = :g")
              .bind("t", tenant).bind("g", g).mapTo(String.class).one());
          stores.grants().revoke(tenant, ADMIN, holder, g);
        }
        case 3 -> stores.agents().changeStatus(tenant, ADMIN, someAgent,
            random.nextBoolean() ? AgentStatus.SUSPENDED : AgentStatus.ACTIVE);
        default -> stores.grants().review(tenant, ADMIN, someAgent, approver,
            ReviewDecision.KEEP, "looked");
      }
      Map<String, Optional<ChangeScope>> asked = ChangeTriggers.requests(catalog, List.copyOf(heard));
      for (Map.Entry<String, Optional<ChangeScope>> a : asked.entrySet()) {
        if (!memberwise.contains(a.getKey())) continue;
        if (a.getValue().isPresent()) {
          recheck(a.getKey(), a.getValue().get());
        } else {
          run(a.getKey());
        }
      }
    }

    for (String id : memberwise) {
      Control c = control(id);
      Instant now = clock.instant();
      Evaluation whole = Catalog.evaluate(c, loader.load(tenant, c.info().needs(), now), now);
      Set<String> failing = whole.exceptions().stream().map(Deviation::subjectId).collect(Collectors.toSet());
      assertThat(open(id)).as("%s's open findings", id).isEqualTo(new HashSet<>(failing));
      ControlStatus status = queries.statuses(tenant).stream().filter(s -> s.controlId().equals(id)).findFirst()
          .orElseThrow().status();
      assertThat(status).as("%s's status", id).isEqualTo(failing.isEmpty() ? ControlStatus.PASSING : ControlStatus.FAILING);
    }
  }

  private String grantTo(String agentId, List<String> scopes, Random random) {
    boolean approved = random.nextInt(4) != 0;
    return stores.grants().create(tenant, ADMIN, agentId, new GrantStore.NewGrant(connection,
        List.of(scopes.get(random.nextInt(scopes.size()))), "triage", owner, approved ? approver : owner, null)).id();
  }

  /** End to end: a wildcard grant fails AC-1 through the change triggers, by a re-check of that grant. */
  @Test
  void aWildcardGrantFailsAC1WithinMomentsByARecheckOfThatGrant() throws Exception {
    grant("crm:read");
    run("AC-1");
    ChangeTriggers triggers = new ChangeTriggers(runner, catalog, Duration.ZERO, 2, clock);
    stores.listeners().add(triggers);
    try {
      String wildcard = grant("*");
      Instant deadline = Instant.now().plusSeconds(10);
      while (open("AC-1").isEmpty() && Instant.now().isBefore(deadline)) Thread.sleep(5);
      assertThat(open("AC-1")).containsExactly(wildcard);
    } finally {
      triggers.close();
    }
    ControlRun opening = queries.runs(tenant, "AC-1", null, null, null, 100).items().stream()
        .filter(r -> r.trigger() == RunTrigger.CHANGE && r.result() == RunResult.FAIL).findFirst().orElseThrow();
    assertThat(opening.population()).isEqualTo(1);
  }
}
