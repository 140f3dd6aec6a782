package dev.vigil.reports.load;

import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.Fact;
import java.util.List;
import java.util.Optional;

/**
 * What a control's population is, from the facts its catalog declaration reads: the one place
 * that says it. The first rule whose fact the control reads decides, so a control reading
 * grants and agents (AC-4) examines grants, and one reading connections and vendors (VM-3)
 * examines connections. Controls that count things that are not objects (chain entries,
 * retained entries, monitoring runs, reported actions) have no population.
 */
final class PopulationKinds {

  private record Rule(Fact fact, String kind) {}

  /** In order of precedence. */
  private static final List<Rule> RULES = List.of(
      new Rule(Fact.ACTIVE_GRANTS, "grants"),
      new Rule(Fact.LAST_ACCESS_REVIEWS, "access-reviews"),
      new Rule(Fact.CREDENTIALS, "credentials"),
      new Rule(Fact.KEYS, "keys"),
      new Rule(Fact.CONNECTIONS, "connections"),
      new Rule(Fact.VENDORS, "vendors"),
      new Rule(Fact.INCIDENTS, "incidents"),
      new Rule(Fact.AGENTS, "agents"));

  private PopulationKinds() {}

  static Optional<String> of(ControlInfo control) {
    return RULES.stream().filter(r -> control.needs().contains(r.fact())).map(Rule::kind).findFirst();
  }
}
