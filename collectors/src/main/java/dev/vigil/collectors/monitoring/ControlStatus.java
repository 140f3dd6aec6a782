package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A control's status for a tenant: its latest run's outcome, or not run yet. */
public enum ControlStatus {
  PASSING,
  FAILING,
  ERROR,
  NOT_RUN;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
