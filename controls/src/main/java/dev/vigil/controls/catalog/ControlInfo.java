package dev.vigil.controls.catalog;

import java.util.List;
import java.util.Set;

/**
 * What a report says of a control: its id, title, family, the SOC 2 criteria it maps to, and
 * the test-procedure sentence an auditor reads; plus the facts it needs from a snapshot.
 */
public record ControlInfo(String id, String title, Family family, List<String> criteria, String procedure,
    Set<Fact> needs) {

  public ControlInfo {
    criteria = List.copyOf(criteria);
    needs = Set.copyOf(needs);
  }
}
