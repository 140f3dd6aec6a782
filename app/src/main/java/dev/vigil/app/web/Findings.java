package dev.vigil.app.web;

import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.controls.catalog.FindingSeverity;

/** How the pages show a finding's status and severity: in words, never in colour alone. */
final class Findings {

  private Findings() {}

  static Status status(Finding f) {
    String tone = switch (f.status()) {
      case OPEN -> "failing";
      case RESOLVED -> "passing";
      case EXCUSED -> "na";
    };
    return new Status(tone, statusLabel(f.status()));
  }

  static String statusLabel(FindingStatus s) {
    return switch (s) {
      case OPEN -> "Open";
      case RESOLVED -> "Resolved";
      case EXCUSED -> "Excused";
    };
  }

  static String severityLabel(FindingSeverity s) {
    return s == null ? "None" : Labels.of(s.wire());
  }

}
