package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Given.MS;
import static dev.vigil.controls.catalog.Given.NOW;
import static dev.vigil.controls.catalog.Given.daysAgo;
import static dev.vigil.controls.catalog.Given.onlyDetail;
import static dev.vigil.controls.catalog.Given.run;
import static dev.vigil.controls.catalog.Given.snapshot;
import static dev.vigil.controls.catalog.Given.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeastPrivilegeControlsTest {

  static Grant grant(String id, String... scopes) {
    return new Grant("ten_1", id, "agt_1", "con_1", List.of(scopes), "sync CRM leads", "usr_1", "usr_2",
        daysAgo(1), null, null);
  }

  static Grant approval(String id, String justification, String requestedBy, String approvedBy) {
    return new Grant("ten_1", id, "agt_1", "con_1", List.of("crm:read"), justification, requestedBy, approvedBy,
        daysAgo(1), null, null);
  }

  static Grant grantedAt(String id, Instant grantedAt) {
    return new Grant("ten_1", id, "agt_1", "con_1", List.of("crm:read"), "why", "usr_1", "usr_2", grantedAt, null,
        null);
  }

  static Grant ofAgent(String id, String agentId) {
    return new Grant("ten_1", id, agentId, "con_1", List.of("crm:read"), "why", "usr_1", "usr_2", daysAgo(1), null,
        null);
  }

  static Agent agent(String id, AgentStatus status, String ownerId, Instant createdAt) {
    return new Agent("ten_1", id, "agent " + id, ownerId, null, status, createdAt, createdAt);
  }

  static User user(String id, boolean active) {
    return new User("ten_1", id, id + "@example.com", id, Role.ADMIN, active, daysAgo(400),
        active ? null : daysAgo(3));
  }

  // AC-1

  @ParameterizedTest(name = "scope {0} passes: {1}")
  @CsvSource({"crm:read, true", "crm:read-all, true", "mail:send, true", "*, false", "admin, false",
      "crm:*, false"})
  void ac1FailsExactlyTheBroadScopes(String scope, boolean passes) {
    Evaluation e = run("AC-1", snapshot().activeGrants(List.of(grant("grt_1", "mail:read", scope))));
    assertThat(e.population()).isEqualTo(1);
    assertThat(e.passed()).isEqualTo(passes);
  }

  @Test
  void ac1NamesGrantAgentScopeAndConnection() {
    Evaluation e = run("AC-1", snapshot().activeGrants(List.of(
        grant("grt_b", "crm:read", "crm:write"), grant("grt_c", "crm:*"), grant("grt_a", "*", "admin"))));
    assertThat(e.population()).isEqualTo(3);
    assertThat(subjects(e)).containsExactly("grt_a", "grt_c");
    assertThat(e.exceptions().get(0).detail()).isEqualTo("grant grt_a gives agent agt_1 scopes *, admin on connection con_1");
    assertThat(e.exceptions().get(1).detail()).isEqualTo("grant grt_c gives agent agt_1 scope crm:* on connection con_1");
  }

  @Test
  void ac1WithNoGrantsPassesOnAnEmptyPopulation() {
    Evaluation e = run("AC-1", snapshot().activeGrants(List.of()));
    assertThat(e.population()).isZero();
    assertThat(e.passed()).isTrue();
  }

  // AC-2

  @Test
  void ac2PassesAJustifiedGrantApprovedBySomeoneElse() {
    Evaluation e = run("AC-2", snapshot().activeGrants(List.of(approval("grt_1", "sync leads", "usr_1", "usr_2"))));
    assertThat(e.population()).isEqualTo(1);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void ac2NamesEachProblemOncePerGrant() {
    Evaluation e = run("AC-2", snapshot().activeGrants(List.of(
        approval("grt_ok", "sync leads", "usr_1", "usr_2"),
        approval("grt_blank", "  ", "usr_1", "usr_2"),
        approval("grt_null", null, "usr_1", "usr_2"),
        approval("grt_self", "sync leads", "usr_1", "usr_1"),
        approval("grt_both", "", "usr_3", "usr_3"),
        approval("grt_noapprover", "sync leads", "usr_1", null))));
    assertThat(e.population()).isEqualTo(6);
    assertThat(subjects(e)).containsExactly("grt_blank", "grt_both", "grt_noapprover", "grt_null", "grt_self");
    Map<String, String> details = details(e);
    assertThat(details.get("grt_blank")).isEqualTo("grant grt_blank of agent agt_1 has no justification");
    assertThat(details.get("grt_null")).contains("has no justification");
    assertThat(details.get("grt_self")).isEqualTo("grant grt_self of agent agt_1 was approved by its own requester usr_1");
    assertThat(details.get("grt_both")).contains("has no justification and was approved by its own requester usr_3");
    assertThat(details.get("grt_noapprover")).contains("names no approver");
  }

  // AC-3

  @Test
  void ac3UseExactlyThirtyDaysAgoPassesAndAMillisecondMoreFails() {
    Snapshot.Builder s = snapshot()
        .activeGrants(List.of(grantedAt("grt_edge", daysAgo(200)), grantedAt("grt_late", daysAgo(200))))
        .grantLastUse(Map.of("grt_edge", daysAgo(30), "grt_late", daysAgo(30).minus(MS)));
    Evaluation e = run("AC-3", s);
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "grt_late")).isEqualTo("grant grt_late of agent agt_1 on connection con_1 was last used "
        + "2026-10-27T11:59:59.999Z, 30 days 1ms before the run; limit 30 days");
  }

  @Test
  void ac3ANewGrantIsNotDueUntilThirtyDaysHavePassed() {
    Snapshot.Builder s = snapshot()
        .activeGrants(List.of(grantedAt("grt_new", daysAgo(30)), grantedAt("grt_old", daysAgo(30).minus(MS)),
            grantedAt("grt_used", daysAgo(90))))
        .grantLastUse(Map.of("grt_used", daysAgo(2)));
    Evaluation e = run("AC-3", s);
    assertThat(e.population()).isEqualTo(3);
    assertThat(onlyDetail(e, "grt_old")).contains("has no recorded use in the last 30 days",
        "granted 2026-10-27T11:59:59.999Z, 30 days 1ms before the run", "limit 30 days");
  }

  @Test
  void ac3NamesHowLongAgoTheLastUseWas() {
    Snapshot.Builder s = snapshot().activeGrants(List.of(grantedAt("grt_1", daysAgo(100))))
        .grantLastUse(Map.of("grt_1", Instant.parse("2026-10-26T10:00:00Z")));
    assertThat(onlyDetail(run("AC-3", s), "grt_1"))
        .contains("last used 2026-10-26T10:00:00Z, 31 days 2h before the run; limit 30 days");
  }

  @Test
  void ac3HonoursItsParameter() {
    ControlParameters week = ControlParameters.defaults().with(LeastPrivilegeControls.UNUSED_GRANT_DAYS, 7);
    Snapshot s = snapshot().activeGrants(List.of(grantedAt("grt_1", daysAgo(100))))
        .grantLastUse(Map.of("grt_1", daysAgo(8))).build();
    assertThat(Given.control("AC-3").evaluate(s, NOW).passed()).isTrue();
    Evaluation e = Given.control("AC-3", week).evaluate(s, NOW);
    assertThat(onlyDetail(e, "grt_1")).endsWith("limit 7 days");
    assertThat(Given.control("AC-3", week).info().procedure()).contains("7 days");
  }

  // AC-4

  @Test
  void ac4PassesAnActiveAgentWithAnActiveOwner() {
    Evaluation e = run("AC-4", snapshot().activeGrants(List.of(ofAgent("grt_1", "agt_1")))
        .agents(List.of(agent("agt_1", AgentStatus.ACTIVE, "usr_1", daysAgo(10))))
        .users(List.of(user("usr_1", true))));
    assertThat(e.population()).isEqualTo(1);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void ac4FailsGrantsOfInactiveAgentsOwnersAndUnknownAgents() {
    Evaluation e = run("AC-4", snapshot()
        .activeGrants(List.of(ofAgent("grt_ok", "agt_ok"), ofAgent("grt_susp", "agt_susp"),
            ofAgent("grt_ret", "agt_ret"), ofAgent("grt_owner", "agt_orphan"), ofAgent("grt_ghost", "agt_ghost"),
            ofAgent("grt_lost", "agt_lost")))
        .agents(List.of(agent("agt_ok", AgentStatus.ACTIVE, "usr_1", daysAgo(10)),
            agent("agt_susp", AgentStatus.SUSPENDED, "usr_1", daysAgo(10)),
            agent("agt_ret", AgentStatus.RETIRED, "usr_gone", daysAgo(10)),
            agent("agt_orphan", AgentStatus.ACTIVE, "usr_gone", daysAgo(10)),
            agent("agt_lost", AgentStatus.ACTIVE, "usr_nobody", daysAgo(10))))
        .users(List.of(user("usr_1", true), user("usr_gone", false))));
    assertThat(e.population()).isEqualTo(6);
    assertThat(subjects(e)).containsExactly("grt_ghost", "grt_lost", "grt_owner", "grt_ret", "grt_susp");
    Map<String, String> d = details(e);
    assertThat(d.get("grt_susp")).isEqualTo("grant grt_susp is active but agent agt_susp is suspended");
    assertThat(d.get("grt_ret")).isEqualTo("grant grt_ret is active but agent agt_ret is retired and the owner "
        + "usr_gone of agent agt_ret is deactivated");
    assertThat(d.get("grt_owner")).isEqualTo("grant grt_owner is active but the owner usr_gone of agent agt_orphan is deactivated");
    assertThat(d.get("grt_ghost")).isEqualTo("grant grt_ghost is active but its agent agt_ghost is unknown");
    assertThat(d.get("grt_lost")).contains("the owner usr_nobody of agent agt_lost is unknown");
  }

  // AC-5

  @Test
  void ac5ReviewExactlyNinetyDaysAgoPassesAndAMillisecondMoreFails() {
    Evaluation e = run("AC-5", snapshot()
        .agents(List.of(agent("agt_edge", AgentStatus.ACTIVE, "usr_1", daysAgo(300)),
            agent("agt_late", AgentStatus.ACTIVE, "usr_1", daysAgo(300))))
        .lastAccessReviews(Map.of("agt_edge", daysAgo(90), "agt_late", daysAgo(90).minus(MS))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "agt_late")).isEqualTo(
        "agent agt_late was last reviewed 2026-08-28T11:59:59.999Z, 90 days 1ms before the run; limit 90 days");
  }

  @Test
  void ac5ANewAgentIsNotYetDueAndOnlyActiveAgentsCount() {
    Evaluation e = run("AC-5", snapshot()
        .agents(List.of(agent("agt_new", AgentStatus.ACTIVE, "usr_1", daysAgo(90)),
            agent("agt_never", AgentStatus.ACTIVE, "usr_1", daysAgo(90).minus(MS)),
            agent("agt_susp", AgentStatus.SUSPENDED, "usr_1", daysAgo(300)),
            agent("agt_ret", AgentStatus.RETIRED, "usr_1", daysAgo(300))))
        .lastAccessReviews(Map.of()));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "agt_never")).contains("has never had an access review",
        "created 2026-08-28T11:59:59.999Z, 90 days 1ms before the run", "limit 90 days");
  }

  // AC-6

  @Test
  void ac6PassesWhenEveryExaminedActionFellWithinAGrant() {
    Evaluation e = run("AC-6", snapshot().actions(new Facts.Actions(Given.hoursAgo(24), 120, List.of())));
    assertThat(e.population()).isEqualTo(120);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void ac6NamesEachAgentConnectionAndActionWithCountAndTimes() {
    Instant first = Instant.parse("2026-11-26T01:00:00Z");
    Instant last = Instant.parse("2026-11-26T03:30:00Z");
    Evaluation e = run("AC-6", snapshot().actions(new Facts.Actions(Given.hoursAgo(24), 120, List.of(
        new Facts.OutsideAction("agt_b", "con_1", "mail:send", 1, first, first),
        new Facts.OutsideAction("agt_a", "con_2", "crm:write", 3, first, last)))));
    assertThat(e.population()).isEqualTo(120);
    assertThat(subjects(e)).containsExactly("agt_a/con_2/crm:write", "agt_b/con_1/mail:send");
    assertThat(e.exceptions().get(0).detail()).isEqualTo("3 actions crm:write by agent agt_a on connection con_2"
        + " between 2026-11-26T01:00:00Z and 2026-11-26T03:30:00Z fell outside every grant active at their moment");
    assertThat(e.exceptions().get(1).detail()).isEqualTo("1 action mail:send by agent agt_b on connection con_1"
        + " at 2026-11-26T01:00:00Z fell outside every grant active at its moment");
  }

  static Map<String, String> details(Evaluation e) {
    return e.exceptions().stream().collect(java.util.stream.Collectors.toMap(Deviation::subjectId, Deviation::detail));
  }
}
