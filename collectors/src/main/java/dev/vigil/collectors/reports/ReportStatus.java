package dev.vigil.collectors.reports;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a report's generation stands. */
public enum ReportStatus {
  QUEUED,
  RUNNING,
  DONE,
  FAILED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
