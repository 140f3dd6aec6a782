package dev.vigil.app.web;

import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.controls.catalog.FindingSeverity;
import java.time.Instant;

/** How the pages show a finding's status and severity: in words, never in colour alone. */
final class Findings {

  private Findings() {}

  static Status status(Finding f) {
    return switch (f.status()) {
      case OPEN -> new Status("failing", "Open");
      case RESOLVED -> new Status("passing", "Resolved");
      case EXCUSED -> new Status("na", "Excused");
    };
  }

  static String statusLabel(FindingStatus s) {
    return switch (s) {
      case OPEN -> "Open";
      case RESOLVED -> "Resolved";
      case EXCUSED -> "Excused";
    };
  }

  static String severityLabel(FindingSeverity s) {
    return s == null ? "None" : s.wire().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.wire().substring(1);
  }

  /** Open and past its due date at {@code now}. */
  static boolean overdue(Finding f, Instant now) {
    return f.status() == FindingStatus.OPEN && f.dueAt() != null && f.dueAt().isBefore(now);
  }
}
