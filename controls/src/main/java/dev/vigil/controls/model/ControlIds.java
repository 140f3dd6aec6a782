package dev.vigil.controls.model;

import java.util.List;

/** The ids of the control catalog (../shared/DESIGN.md), against which exceptions are checked. */
public final class ControlIds {

  public static final List<String> ALL = List.of(
      "AC-1", "AC-2", "AC-3", "AC-4", "AC-5", "AC-6",
      "EN-1", "EN-2", "EN-3",
      "LG-1", "LG-2", "LG-3",
      "VM-1", "VM-2", "VM-3",
      "IR-1", "IR-2", "IR-3");

  private ControlIds() {}
}
