package dev.vigil.app.web;

import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.collectors.monitoring.StatusRow;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A control's status as a page shows it: a CSS class for its colour and a word for it, so the
 * colour is never the only sign.
 */
public record Status(String css, String label) {

  static Status of(StatusRow row) {
    return of(row == null ? ControlStatus.NOT_RUN : row.status());
  }

  static Status of(ControlStatus status) {
    return switch (status) {
      case PASSING -> new Status("passing", "Passing");
      case FAILING -> new Status("failing", "Failing");
      case ERROR -> new Status("error", "Error");
      case NOT_APPLICABLE -> new Status("na", "Not applicable");
      case NOT_RUN -> new Status("notrun", "Not run yet");
    };
  }

  /** How many of {@code rows} pass. */
  static long passing(Collection<StatusRow> rows) {
    return rows.stream().filter(s -> s.status() == ControlStatus.PASSING).count();
  }

  /** How many of {@code rows} fail or could not run: each asks someone to act. */
  static long failing(Collection<StatusRow> rows) {
    return rows.stream().filter(s -> s.status() == ControlStatus.FAILING || s.status() == ControlStatus.ERROR).count();
  }

  /** The tenant's stored statuses by control id. */
  static Map<String, StatusRow> byControl(List<StatusRow> rows) {
    return rows.stream().collect(Collectors.toMap(StatusRow::controlId, Function.identity()));
  }
}
