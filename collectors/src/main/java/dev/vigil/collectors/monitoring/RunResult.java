package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A run's result: no exceptions, exceptions, or the run could not evaluate (facts failed to load). */
public enum RunResult {
  PASS,
  FAIL,
  ERROR;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The control status a run with this result leaves. */
  public ControlStatus status() {
    return switch (this) {
      case PASS -> ControlStatus.PASSING;
      case FAIL -> ControlStatus.FAILING;
      case ERROR -> ControlStatus.ERROR;
    };
  }
}
