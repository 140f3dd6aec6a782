package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A control's status for a tenant: its latest run's outcome, or not run yet. */
public enum ControlStatus {
  PASSING,
  FAILING,
  ERROR,
  NOT_RUN,
  /** The latest run examined nothing, and found nothing failing: neither a pass nor a failure. */
  NOT_APPLICABLE;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the status asks nothing of anyone: passing, not applicable, or not run yet (as the
   * status before a control's first run). A change between two such statuses raises no alert.
   */
  public boolean quiet() {
    return this == PASSING || this == NOT_APPLICABLE || this == NOT_RUN;
  }
}
