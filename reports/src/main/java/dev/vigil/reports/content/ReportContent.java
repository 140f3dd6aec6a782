package dev.vigil.reports.content;

import dev.vigil.reports.period.Period;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one report states, for one tenant and one period, in catalog order of controls.
 *
 * @param reportId the report's id: every artifact names it, and derived identifiers (OSCAL
 *     UUIDs) start from it and the period, so two generations of one report compare equal
 * @param generatedAt when it was generated: the one field two generations of one period differ in
 * @param vigilVersion the version of Vigil that generated it
 */
public record ReportContent(String reportId, String tenantId, String tenantName, String title, Period period,
    Instant generatedAt, String vigilVersion, ChainStatement chain, SystemDescription system,
    List<ControlSection> controls) {

  public ReportContent {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(system, "system");
    controls = List.copyOf(controls);
  }
}
