package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An agent's lifecycle. Retired is final: retiring revokes the agent's tokens and grants. */
public enum AgentStatus {
  ACTIVE,
  SUSPENDED,
  RETIRED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
