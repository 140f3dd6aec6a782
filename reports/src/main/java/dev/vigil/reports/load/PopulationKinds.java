package dev.vigil.reports.load;

import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.Population;
import java.util.Optional;

/**
 * What a control's population is called in a report: the name of the population its catalog
 * declaration states ({@link Population}), the one place that says what its members are.
 * Controls that count things that are not objects (chain entries, retained entries,
 * monitoring runs, reported actions) have none.
 */
final class PopulationKinds {

  private PopulationKinds() {}

  static Optional<String> of(ControlInfo control) {
    return control.population().map(Population::wire);
  }
}
