package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.Evaluation;
import java.util.Locale;

/**
 * A run's result: no exceptions, exceptions, the run could not evaluate (facts failed to load),
 * or it examined nothing and found nothing failing, of a control that declares this not
 * applicable ({@link ControlInfo#notApplicable}). Runs stored before {@code not_applicable}
 * existed are pass, fail or error, and read as before.
 */
public enum RunResult {
  PASS,
  FAIL,
  ERROR,
  NOT_APPLICABLE;

  /** The result of a run of {@code info} that evaluated to {@code evaluation}, or could not (null). */
  public static RunResult of(ControlInfo info, Evaluation evaluation) {
    if (evaluation == null) return ERROR;
    if (!evaluation.passed()) return FAIL;
    return info.notApplicable(evaluation) ? NOT_APPLICABLE : PASS;
  }

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
      case NOT_APPLICABLE -> ControlStatus.NOT_APPLICABLE;
    };
  }
}
