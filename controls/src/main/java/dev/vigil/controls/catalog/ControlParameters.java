package dev.vigil.controls.catalog;

import dev.vigil.controls.model.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The tunable thresholds of the catalog. {@link #defaults()} are the values of
 * ../shared/DESIGN.md; config.yml can override each.
 *
 * @param unusedGrantDays AC-3: a grant unused for longer than this fails
 * @param accessReviewDays AC-5: an active agent's access is reviewed at least this often
 * @param actionLookbackHours AC-6: the window of reported actions each run examines
 * @param keyMaxAgeDays EN-2: a primary key older than this fails
 * @param retentionDays LG-2: audit entries are kept at least this long
 * @param checkpointMaxGapMinutes LG-3: entries are covered by a signed checkpoint within this
 * @param monitoringLookbackHours LG-3: the window in which checkpoints and scheduled runs are counted
 * @param missedRunTolerance LG-3: missing scheduled runs tolerated per window (clock phase)
 * @param vendorReviewMonths VM-1, VM-3: a vendor review is current for this many months
 * @param soc2ReportMaxAgeMonths VM-2: a SOC 2 Type II period may have ended at most this long ago
 * @param containmentSla IR-1: the containment SLA of each severity
 * @param notificationHours IR-2: customers are told within this many hours of detection
 * @param postmortemDays IR-3: a sev1/sev2 post-incident review follows resolution within this
 * @param incidentLookbackDays IR-1..3: incidents detected within this many days are examined
 */
public record ControlParameters(
    int unusedGrantDays,
    int accessReviewDays,
    int actionLookbackHours,
    int keyMaxAgeDays,
    int retentionDays,
    int checkpointMaxGapMinutes,
    int monitoringLookbackHours,
    int missedRunTolerance,
    int vendorReviewMonths,
    int soc2ReportMaxAgeMonths,
    Map<Severity, Duration> containmentSla,
    int notificationHours,
    int postmortemDays,
    int incidentLookbackDays) {

  public ControlParameters {
    if (!containmentSla.keySet().containsAll(java.util.EnumSet.allOf(Severity.class))) {
      throw new IllegalArgumentException("containmentSla needs a duration for sev1, sev2, sev3 and sev4");
    }
    containmentSla = Map.copyOf(containmentSla);
  }

  public static ControlParameters defaults() {
    Map<Severity, Duration> sla = new EnumMap<>(Severity.class);
    sla.put(Severity.SEV1, Duration.ofHours(4));
    sla.put(Severity.SEV2, Duration.ofHours(24));
    sla.put(Severity.SEV3, Duration.ofHours(72));
    sla.put(Severity.SEV4, Duration.ofDays(7));
    return new ControlParameters(30, 90, 24, 365, 365, 60, 24, 1, 12, 18, sla, 72, 14, 365);
  }
}
