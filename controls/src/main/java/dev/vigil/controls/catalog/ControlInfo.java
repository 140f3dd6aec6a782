package dev.vigil.controls.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A control as its declaration states it, with the parameters in force: what a report says
 * of it (id, title, family, the SOC 2 criteria it maps to, the test-procedure sentence an
 * auditor reads), the facts it reads from a snapshot, what its members are, what can change its result
 * ({@link TriggerKinds}), the parameters it reads, what a run that makes it not applicable
 * found ({@link #notApplicableWhen}), the severity of its findings before the member's weight
 * moves it ({@link FindingSeverity#forMember}) and what fixes them, and whether it judges each
 * member alone ({@link #memberwise}).
 */
public record ControlInfo(String id, String title, Family family, List<String> criteria, String procedure,
    Set<Fact> needs, List<String> triggers, List<Parameter<?>> parameters, Population populationOrNull,
    String notApplicableWhenOrNull, FindingSeverity severity, String remediation, boolean memberwise) {

  public ControlInfo {
    criteria = List.copyOf(criteria);
    needs = Set.copyOf(needs);
    triggers = List.copyOf(triggers);
    parameters = List.copyOf(parameters);
  }

  /**
   * Whether the control judges each member of its population on that member's own facts alone
   * (a grant by its scopes, its approval, its last use, its agent and the agent's owner), never
   * by comparing members: then a change to a few members can be re-checked for those alone
   * (see ControlDeclaration.Builder#memberwise), while the other members keep their results.
   */
  public boolean memberwise() {
    return memberwise;
  }

  /** What the control's members are ({@link Population}); empty when it counts things that are not objects. */
  public Optional<Population> population() {
    return Optional.ofNullable(populationOrNull);
  }

  /**
   * What a run that examined nothing found, as the declaration words it ("no active grant"):
   * such a run makes the control not applicable. Empty when an empty population passes.
   */
  public Optional<String> notApplicableWhen() {
    return Optional.ofNullable(notApplicableWhenOrNull);
  }

  /**
   * Whether {@code evaluation} makes the control not applicable rather than passing: the
   * control declares when it is ({@link #notApplicableWhen}), and the run examined nothing and
   * found nothing failing or excused. A failing evaluation over an empty population (EN-2: no
   * keyset, yet credentials stored) fails.
   */
  public boolean notApplicable(Evaluation evaluation) {
    return notApplicableWhenOrNull != null && evaluation.emptyAndClean();
  }
}
