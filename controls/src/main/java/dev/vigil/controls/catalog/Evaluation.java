package dev.vigil.controls.catalog;

import java.util.List;

/**
 * What a control found: how many members it examined, the members that fail, and the members
 * an approved exception excuses. The control passes when nothing fails.
 */
public record Evaluation(long population, List<Deviation> exceptions, List<Excused> excused) {

  public Evaluation {
    exceptions = List.copyOf(exceptions);
    excused = List.copyOf(excused);
  }

  /** An evaluation before approved exceptions are applied. */
  public static Evaluation of(long population, List<Deviation> exceptions) {
    return new Evaluation(population, exceptions, List.of());
  }

  public boolean passed() {
    return exceptions.isEmpty();
  }
}
