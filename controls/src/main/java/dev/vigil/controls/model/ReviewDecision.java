package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of an access review: keep the agent's grants, or revoke them all. */
public enum ReviewDecision {
  KEEP,
  REVOKE;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
