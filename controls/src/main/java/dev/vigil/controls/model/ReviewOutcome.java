package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The verdict of a vendor security review. */
public enum ReviewOutcome {
  APPROVED,
  APPROVED_WITH_CONDITIONS,
  REJECTED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
