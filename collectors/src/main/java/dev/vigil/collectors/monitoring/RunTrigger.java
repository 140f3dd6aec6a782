package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a control ran: its family's schedule, a change that can affect it, or someone asking. */
public enum RunTrigger {
  SCHEDULE,
  CHANGE,
  MANUAL;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
