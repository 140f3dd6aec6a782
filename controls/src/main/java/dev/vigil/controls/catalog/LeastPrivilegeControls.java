package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Durations.between;
import static dev.vigil.controls.catalog.Durations.days;

import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Scopes;
import dev.vigil.controls.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The least-privilege controls AC-1 to AC-6: what agents may do, who approved it, whether it is
 * still used and reviewed, and whether agents stay within it. Stateless.
 */
public final class LeastPrivilegeControls {

  // What changes the set of active grants. A new grant cannot fail AC-3 (it is younger than the
  // limit), so AC-3 is not re-run on grant.created; a grant that ends can resolve it.
  private static final String CREATED = "grant.created";
  private static final String REVOKED = "grant.revoked";
  private static final String REVIEWED = "access_review.recorded";
  private static final String EXPIRED = TriggerKinds.GRANT_EXPIRED;
  // Retiring a connection revokes every grant on it.
  private static final String CONNECTION_RETIRED = "connection.retired";

  private LeastPrivilegeControls() {}

  /** AC-1 to AC-6, in catalog order. */
  public static List<ControlDeclaration> all() {
    return List.of(AC_1, AC_2, AC_3, AC_4, AC_5, AC_6);
  }

  static final ControlDeclaration AC_1 = ControlDeclaration.control("AC-1", "No wildcard or admin scopes",
      Family.LEAST_PRIVILEGE).criteria("CC6.1", "CC6.3").reads(Fact.ACTIVE_GRANTS).examines(Population.GRANTS).memberwise()
      .triggeredBy(CREATED, REVOKED, EXPIRED, REVIEWED, CONNECTION_RETIRED)
      .procedure("Inspected every grant active at the time of the run and checked that none carries a wildcard or"
          + " admin scope (*, admin, resource:*) without an approved, unexpired exception.")
      .severity(FindingSeverity.MEDIUM)
      .remediation("Replace the broad scope with the narrow scopes the agent needs: grant them (POST "
          + "/api/v1/agents/{agentId}/grants) and revoke this grant (DELETE "
          + "/api/v1/agents/{agentId}/grants/{grantId}), or retire the connection (POST "
          + "/api/v1/connections/{id}/retire). If the broad scope is truly needed for a while, approve a "
          + "time-boxed exception (POST /api/v1/exceptions).")
      .notApplicableWhen("no active grant")
      .evaluates(LeastPrivilegeControls::broadScopes);

  private static Evaluation broadScopes(Snapshot s, Instant now, ControlParameters p) {
    List<Grant> grants = s.activeGrants();
    List<Deviation> out = new ArrayList<>();
    for (Grant g : grants) {
      List<String> broad = g.scopes().stream().filter(Scopes::isBroad).toList();
      if (broad.isEmpty()) continue;
      out.add(new Deviation(g.id(), "grant " + g.id() + " gives agent " + g.agentId()
          + (broad.size() == 1 ? " scope " : " scopes ") + String.join(", ", broad)
          + " on connection " + g.connectionId()));
    }
    return RuleControl.found(grants, Grant::id, out);
  }

  static final ControlDeclaration AC_2 = ControlDeclaration.control("AC-2",
      "Grants are justified and independently approved", Family.LEAST_PRIVILEGE).criteria("CC6.2", "CC6.3")
      .reads(Fact.ACTIVE_GRANTS).examines(Population.GRANTS).memberwise()
      .triggeredBy(CREATED, REVOKED, EXPIRED, REVIEWED, CONNECTION_RETIRED)
      .procedure("Inspected every grant active at the time of the run and checked that it records a justification"
          + " and an approver other than the person who requested it.")
      .severity(FindingSeverity.MEDIUM)
      .remediation("Revoke the grant (DELETE /api/v1/agents/{agentId}/grants/{grantId}) and grant it again with a "
          + "written justification and an approver other than the requester (POST "
          + "/api/v1/agents/{agentId}/grants).")
      .notApplicableWhen("no active grant")
      .evaluates(LeastPrivilegeControls::justifiedAndApproved);

  private static Evaluation justifiedAndApproved(Snapshot s, Instant now, ControlParameters p) {
    List<Grant> grants = s.activeGrants();
    List<Deviation> out = new ArrayList<>();
    for (Grant g : grants) {
      List<String> problems = new ArrayList<>();
      if (blank(g.justification())) problems.add("has no justification");
      if (blank(g.approvedBy())) {
        problems.add("names no approver");
      } else if (Objects.equals(g.approvedBy(), g.requestedBy())) {
        problems.add("was approved by its own requester " + g.requestedBy());
      }
      if (problems.isEmpty()) continue;
      out.add(new Deviation(g.id(), "grant " + g.id() + " of agent " + g.agentId() + " "
          + String.join(" and ", problems)));
    }
    return RuleControl.found(grants, Grant::id, out);
  }

  public static final Parameter<Integer> UNUSED_GRANT_DAYS = Parameter.whole("unusedGrantDays", 30, 1,
      "AC-3: a grant unused for longer than this many days fails");

  static final ControlDeclaration AC_3 = ControlDeclaration.control("AC-3", "No unused grants",
      Family.LEAST_PRIVILEGE).criteria("CC6.3").reads(Fact.ACTIVE_GRANTS, Fact.GRANT_LAST_USE).examines(Population.GRANTS).memberwise()
      .triggeredBy(REVOKED, EXPIRED, REVIEWED, CONNECTION_RETIRED).parameters(UNUSED_GRANT_DAYS)
      .procedure(p -> "Inspected every grant active at the time of the run and checked that each granted more than "
          + days(p.get(UNUSED_GRANT_DAYS)) + " before the run was used (by an allowed decision or a reported action)"
          + " within the last " + days(p.get(UNUSED_GRANT_DAYS)) + ".")
      .severity(FindingSeverity.LOW)
      .remediation("Revoke the unused grant (DELETE /api/v1/agents/{agentId}/grants/{grantId}), or record an access "
          + "review that revokes it (POST /api/v1/access-reviews); the agent asks again when it needs the "
          + "access.")
      .notApplicableWhen("no active grant")
      .evaluates(LeastPrivilegeControls::unusedGrants);

  private static Evaluation unusedGrants(Snapshot s, Instant now, ControlParameters p) {
    int n = p.get(UNUSED_GRANT_DAYS);
    Instant limit = now.minus(Duration.ofDays(n));
    List<Grant> grants = s.activeGrants();
    Map<String, Instant> lastUse = s.grantLastUse();
    List<Deviation> out = new ArrayList<>();
    for (Grant g : grants) {
      if (!g.grantedAt().isBefore(limit)) continue;
      Instant used = lastUse.get(g.id());
      if (used != null && !used.isBefore(limit)) continue;
      String when = used == null
          ? "has no recorded use in the last " + days(n) + "; granted " + g.grantedAt() + ", "
              + between(g.grantedAt(), now) + " before the run"
          : "was last used " + used + ", " + between(used, now) + " before the run";
      out.add(new Deviation(g.id(), "grant " + g.id() + " of agent " + g.agentId() + " on connection "
          + g.connectionId() + " " + when + "; limit " + days(n)));
    }
    return RuleControl.found(grants, Grant::id, out);
  }

  static final ControlDeclaration AC_4 = ControlDeclaration.control("AC-4", "No grants to inactive agents or owners",
      Family.LEAST_PRIVILEGE).criteria("CC6.2").reads(Fact.ACTIVE_GRANTS, Fact.AGENTS, Fact.USERS).examines(Population.GRANTS).memberwise()
      .triggeredBy(CREATED, REVOKED, EXPIRED, REVIEWED, CONNECTION_RETIRED, "agent.created", "agent.status_changed",
          "agent.owner_changed", "user.deactivated", "user.reactivated")
      .procedure("Inspected every grant active at the time of the run and checked that its agent is active and that"
          + " the agent's owner is an active user.")
      .severity(FindingSeverity.HIGH)
      .remediation("Give the agent an active owner (PATCH /api/v1/agents/{id} with ownerId), reactivate the owner "
          + "(PATCH /api/v1/users/{id}), or revoke the grant (DELETE "
          + "/api/v1/agents/{agentId}/grants/{grantId}).")
      .notApplicableWhen("no active grant")
      .evaluates(LeastPrivilegeControls::inactiveHolders);

  private static Evaluation inactiveHolders(Snapshot s, Instant now, ControlParameters p) {
    Map<String, Agent> agents = RuleControl.byId(s.agents(), Agent::id);
    Map<String, User> users = RuleControl.byId(s.users(), User::id);
    List<Grant> grants = s.activeGrants();
    List<Deviation> out = new ArrayList<>();
    for (Grant g : grants) {
      String problem = holderProblem(agents.get(g.agentId()), g.agentId(), users);
      if (problem != null) out.add(new Deviation(g.id(), "grant " + g.id() + " is active but " + problem));
    }
    return RuleControl.found(grants, Grant::id, out);
  }

  private static String holderProblem(Agent agent, String agentId, Map<String, User> users) {
    if (agent == null) return "its agent " + agentId + " is unknown";
    List<String> problems = new ArrayList<>();
    if (agent.status() != AgentStatus.ACTIVE) problems.add("agent " + agentId + " is " + agent.status().wire());
    User owner = users.get(agent.ownerId());
    if (owner == null) {
      problems.add("the owner " + agent.ownerId() + " of agent " + agentId + " is unknown");
    } else if (!owner.active()) {
      problems.add("the owner " + owner.id() + " of agent " + agentId + " is deactivated");
    }
    return problems.isEmpty() ? null : String.join(" and ", problems);
  }

  public static final Parameter<Integer> ACCESS_REVIEW_DAYS = Parameter.whole("accessReviewDays", 90, 1,
      "AC-5: an active agent's access is reviewed at least this often, in days");

  static final ControlDeclaration AC_5 = ControlDeclaration.control("AC-5", "Periodic access review",
      Family.LEAST_PRIVILEGE).criteria("CC6.2", "CC6.3").reads(Fact.AGENTS, Fact.LAST_ACCESS_REVIEWS).examines(Population.AGENTS).memberwise()
      .triggeredBy(REVIEWED, "agent.created", "agent.status_changed").parameters(ACCESS_REVIEW_DAYS)
      .procedure(p -> "Inspected every active agent and checked that its access was reviewed within the last "
          + days(p.get(ACCESS_REVIEW_DAYS)) + ", unless the agent was created less than "
          + days(p.get(ACCESS_REVIEW_DAYS)) + " before the run.")
      .severity(FindingSeverity.MEDIUM)
      .remediation("Review the agent's access and record the decision (POST /api/v1/access-reviews), or suspend or "
          + "retire the agent (PATCH /api/v1/agents/{id} with status).")
      .notApplicableWhen("no active agent")
      .evaluates(LeastPrivilegeControls::accessReviews);

  private static Evaluation accessReviews(Snapshot s, Instant now, ControlParameters p) {
    int n = p.get(ACCESS_REVIEW_DAYS);
    Instant limit = now.minus(Duration.ofDays(n));
    Map<String, Instant> reviews = s.lastAccessReviews();
    List<Agent> active = s.agents().stream().filter(a -> a.status() == AgentStatus.ACTIVE).toList();
    List<Deviation> out = new ArrayList<>();
    for (Agent a : active) {
      Instant reviewed = reviews.get(a.id());
      if (reviewed != null && !reviewed.isBefore(limit)) continue;
      if (!a.createdAt().isBefore(limit)) continue;
      String what = reviewed == null
          ? "has never had an access review; created " + a.createdAt() + ", " + between(a.createdAt(), now)
              + " before the run"
          : "was last reviewed " + reviewed + ", " + between(reviewed, now) + " before the run";
      out.add(new Deviation(a.id(), "agent " + a.id() + " " + what + "; limit " + days(n)));
    }
    return RuleControl.found(active, Agent::id, out);
  }

  public static final Parameter<Integer> ACTION_LOOKBACK_HOURS = Parameter.whole("actionLookbackHours", 24, 1,
      "AC-6: the window of reported actions each run examines, in hours");

  static final ControlDeclaration AC_6 = ControlDeclaration.control("AC-6", "Agent actions stay within grants",
      Family.LEAST_PRIVILEGE).criteria("CC6.1", "CC6.3").reads(Fact.ACTIONS)
      .triggeredBy(TriggerKinds.ACTION_OUTSIDE_GRANTS).parameters(ACTION_LOOKBACK_HOURS)
      .procedure(p -> "Inspected every agent action reported in the " + p.get(ACTION_LOOKBACK_HOURS) + " hours before"
          + " the run and checked that a grant active at the moment of the action allowed it.")
      .severity(FindingSeverity.HIGH)
      .remediation("Find out why the agent acted outside its grants. If the action was meant, grant it with an "
          + "approval (POST /api/v1/agents/{agentId}/grants); if not, suspend the agent (PATCH "
          + "/api/v1/agents/{id} with status suspended) and open an incident (POST /api/v1/incidents). The "
          + "finding clears once the actions leave the look-back window.")
      .notApplicableWhen("no agent action reported in the window")
      .evaluates(LeastPrivilegeControls::actionsWithinGrants);

  private static Evaluation actionsWithinGrants(Snapshot s, Instant now, ControlParameters p) {
    Facts.Actions actions = s.actions();
    List<Deviation> out = new ArrayList<>();
    for (Facts.OutsideAction o : actions.outside()) {
      String when = o.count() == 1 || o.firstAt().equals(o.lastAt())
          ? " at " + o.firstAt()
          : " between " + o.firstAt() + " and " + o.lastAt();
      out.add(new Deviation(o.agentId() + "/" + o.connectionId() + "/" + o.action(),
          o.count() + (o.count() == 1 ? " action " : " actions ") + o.action() + " by agent " + o.agentId()
              + " on connection " + o.connectionId() + when
              + " fell outside every grant active at "
              + (o.count() == 1 ? "its moment" : "their moment")));
    }
    return RuleControl.found(actions.examined(), out);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
