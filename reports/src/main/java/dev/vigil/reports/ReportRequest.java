package dev.vigil.reports;

import dev.vigil.reports.period.Period;
import java.time.Instant;
import java.util.Objects;

/**
 * What a report is asked for: its id (every artifact names it, and derived identifiers start
 * from it), the tenant, an optional title, the period, and when generation began.
 */
public record ReportRequest(String reportId, String tenantId, String title, Period period, Instant generatedAt) {

  public ReportRequest {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(generatedAt, "generatedAt");
  }
}
