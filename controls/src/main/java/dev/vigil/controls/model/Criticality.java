package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much harm a vendor's failure could do; high and critical vendors need a current SOC 2 report. */
public enum Criticality {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
