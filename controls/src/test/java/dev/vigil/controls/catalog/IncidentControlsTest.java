package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Given.MS;
import static dev.vigil.controls.catalog.Given.NOW;
import static dev.vigil.controls.catalog.Given.daysAgo;
import static dev.vigil.controls.catalog.Given.hoursAgo;
import static dev.vigil.controls.catalog.Given.onlyDetail;
import static dev.vigil.controls.catalog.Given.run;
import static dev.vigil.controls.catalog.Given.snapshot;
import static dev.vigil.controls.catalog.Given.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class IncidentControlsTest {

  static final Instant DETECTED = Instant.parse("2026-10-01T00:00:00Z");

  /** An incident with the timeline given; nulls are steps not taken yet. */
  static Incident incident(String id, Severity severity, Instant detectedAt, boolean customerData,
      Instant containedAt, Instant notifiedAt, Instant resolvedAt, Instant postmortemAt) {
    return new Incident("ten_1", id, "Leaked token", severity, detectedAt, customerData, null, containedAt,
        notifiedAt, resolvedAt, postmortemAt, detectedAt, null);
  }

  static Incident contained(String id, Severity severity, Instant detectedAt, Instant containedAt) {
    return incident(id, severity, detectedAt, false, containedAt, null, null, null);
  }

  static Incident notified(String id, Instant detectedAt, Instant notifiedAt) {
    return incident(id, Severity.SEV2, detectedAt, true, detectedAt, notifiedAt, null, null);
  }

  static Incident resolved(String id, Severity severity, Instant resolvedAt, Instant postmortemAt) {
    return incident(id, severity, DETECTED, false, DETECTED, null, resolvedAt, postmortemAt);
  }

  // IR-1

  @ParameterizedTest(name = "{0}: contained after {1} passes, {1} + 1 ms fails")
  @CsvSource({"SEV1, PT4H, 4h", "SEV2, PT24H, 1 day", "SEV3, PT72H, 3 days", "SEV4, P7D, 7 days"})
  void ir1ContainmentExactlyAtTheSlaPassesAndAMillisecondLaterFails(Severity severity, Duration sla, String slaText) {
    Evaluation e = run("IR-1", snapshot().incidents(List.of(
        contained("inc_edge", severity, DETECTED, DETECTED.plus(sla)),
        contained("inc_late", severity, DETECTED, DETECTED.plus(sla).plus(MS)))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "inc_late")).isEqualTo(severity.wire() + " incident inc_late detected"
        + " 2026-10-01T00:00:00Z was contained after " + slaText + " 1ms; SLA " + slaText);
  }

  @Test
  void ir1AnUncontainedIncidentFailsOnceItsSlaHasPassed() {
    Evaluation e = run("IR-1", snapshot().incidents(List.of(
        contained("inc_open", Severity.SEV1, hoursAgo(5), null),
        contained("inc_fresh", Severity.SEV1, hoursAgo(4), null))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "inc_open")).endsWith("is still not contained after 5h; SLA 4h");
  }

  @Test
  void ir1ExaminesOnlyIncidentsDetectedWithinTheLookback() {
    Evaluation e = run("IR-1", snapshot().incidents(List.of(
        contained("inc_in", Severity.SEV1, daysAgo(365), daysAgo(300)),
        contained("inc_out", Severity.SEV1, daysAgo(365).minus(MS), daysAgo(300)))));
    assertThat(e.population()).isEqualTo(1);
    assertThat(subjects(e)).containsExactly("inc_in");
  }

  // IR-2

  @Test
  void ir2NotificationWithin72HoursPassesAndAMillisecondLaterFails() {
    Evaluation e = run("IR-2", snapshot().incidents(List.of(
        notified("inc_edge", DETECTED, DETECTED.plus(Duration.ofHours(72))),
        notified("inc_late", DETECTED, DETECTED.plus(Duration.ofHours(72)).plus(MS)))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "inc_late")).isEqualTo("incident inc_late detected 2026-10-01T00:00:00Z touched"
        + " customer data and customers were notified after 3 days 1ms (72h); limit 72h");
  }

  @Test
  void ir2CountsOnlyIncidentsTouchingCustomerDataAndFailsOverdueSilence() {
    Evaluation e = run("IR-2", snapshot().incidents(List.of(
        notified("inc_silent", hoursAgo(80), null),
        notified("inc_recent", hoursAgo(10), null),
        incident("inc_internal", Severity.SEV1, hoursAgo(200), false, hoursAgo(199), null, null, null))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "inc_silent")).contains("customers have still not been notified after 3 days 8h (80h)",
        "limit 72h");
  }

  // IR-3

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Severity.class, names = {"SEV1", "SEV2"})
  void ir3ReviewWithin14DaysOfResolutionPassesAndAMillisecondLaterFails(Severity severity) {
    Instant resolvedAt = Instant.parse("2026-10-02T00:00:00Z");
    Evaluation e = run("IR-3", snapshot().incidents(List.of(
        resolved("inc_edge", severity, resolvedAt, resolvedAt.plus(Duration.ofDays(14))),
        resolved("inc_late", severity, resolvedAt, resolvedAt.plus(Duration.ofDays(14)).plus(MS)))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "inc_late")).isEqualTo(severity.wire() + " incident inc_late resolved"
        + " 2026-10-02T00:00:00Z had its post-incident review only after 14 days 1ms; limit 14 days");
  }

  @Test
  void ir3AMissingReviewFailsOnce14DaysHavePassed() {
    Evaluation e = run("IR-3", snapshot().incidents(List.of(
        resolved("inc_due", Severity.SEV1, daysAgo(14).minus(MS), null),
        resolved("inc_not_yet", Severity.SEV2, daysAgo(14), null))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "inc_due")).contains("still has no post-incident review after 14 days 1ms",
        "limit 14 days");
  }

  @Test
  void ir3IgnoresMinorAndUnresolvedIncidents() {
    Evaluation e = run("IR-3", snapshot().incidents(List.of(
        resolved("inc_sev3", Severity.SEV3, daysAgo(40), null),
        resolved("inc_sev4", Severity.SEV4, daysAgo(40), null),
        resolved("inc_open", Severity.SEV1, null, null))));
    assertThat(e.population()).isZero();
    assertThat(e.passed()).isTrue();
  }

  @Test
  void ir3MeasuresAgainstTheInstantOfTheRun() {
    Snapshot s = snapshot().incidents(List.of(resolved("inc_1", Severity.SEV1, daysAgo(10), null))).build();
    assertThat(Given.control("IR-3").evaluate(s, NOW).passed()).isTrue();
    assertThat(Given.control("IR-3").evaluate(s, NOW.plus(Duration.ofDays(4)).plus(MS)).passed()).isFalse();
  }
}
