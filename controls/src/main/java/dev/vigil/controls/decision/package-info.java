/**
 * The authorization decision, separate from the service that enforces it: given an agent's
 * status, whether the connection exists, the agent's grants on it and an instant, may it
 * perform an action? Pure; the collectors load the facts and record the decision.
 *
 * <p>From {@code DecisionExampleTest#aGrantedScopeAllowsAndAnythingElseIsDeniedWithAReason}
 * in this package's tests, which asserts each answer and its reason:
 *
 * <pre>{@code
 * Decision read = Authorizer.decide(Optional.of(agent), true, List.of(grant), "crm:read", now);
 * Decision send = Authorizer.decide(Optional.of(agent), true, List.of(grant), "mail:send", now);
 * Decision delete = Authorizer.decide(Optional.of(agent), true, List.of(grant), "crm:delete", now);
 * }</pre>
 */
package dev.vigil.controls.decision;
