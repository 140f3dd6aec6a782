package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Given.MS;
import static dev.vigil.controls.catalog.Given.NOW;
import static dev.vigil.controls.catalog.Given.daysAgo;
import static dev.vigil.controls.catalog.Given.onlyDetail;
import static dev.vigil.controls.catalog.Given.run;
import static dev.vigil.controls.catalog.Given.snapshot;
import static dev.vigil.controls.catalog.Given.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.ReviewOutcome;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorReview;
import dev.vigil.controls.model.VendorStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VendorControlsTest {

  /** Twelve calendar months before {@link Given#NOW}. */
  static final Instant YEAR_AGO = Instant.parse("2025-11-26T12:00:00Z");

  static Vendor vendor(String id, Criticality criticality, VendorStatus status) {
    return new Vendor("ten_1", id, "Vendor " + id, criticality, "CRM", "contacts", status, daysAgo(800),
        daysAgo(800), null);
  }

  static Vendor active(String id) {
    return vendor(id, Criticality.MEDIUM, VendorStatus.ACTIVE);
  }

  static VendorReview review(String id, String vendorId, Instant at, ReviewOutcome outcome) {
    return new VendorReview("ten_1", id, vendorId, at, "usr_1", outcome, null, null, at);
  }

  static VendorReview soc2(String id, String vendorId, LocalDate periodEnd) {
    return new VendorReview("ten_1", id, vendorId, daysAgo(30), "usr_1", ReviewOutcome.APPROVED, periodEnd, null,
        daysAgo(30));
  }

  static Connection connection(String id, String vendorId) {
    return new Connection("ten_1", id, "CRM", "crm", vendorId, "https://crm.example.com", daysAgo(10), null);
  }

  // VM-1

  @Test
  void vm1ReviewExactlyTwelveMonthsAgoPassesAndAMillisecondEarlierFails() {
    Evaluation e = run("VM-1", snapshot()
        .vendors(List.of(active("ven_edge"), active("ven_late")))
        .vendorReviews(List.of(review("vrv_1", "ven_edge", YEAR_AGO, ReviewOutcome.APPROVED),
            review("vrv_2", "ven_late", YEAR_AGO.minus(MS), ReviewOutcome.APPROVED))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "ven_late")).isEqualTo("vendor ven_late was last reviewed 2025-11-26T11:59:59.999Z"
        + " (review vrv_2), before 2025-11-26T12:00:00Z, 12 months before the run");
  }

  @Test
  void aReviewFallsDueTwelveMonthsOnAndIsOverdueExactlyWhenVm1FailsIt() {
    ControlParameters p = ControlParameters.defaults();
    assertThat(VendorControls.reviewDue(YEAR_AGO, p)).isEqualTo(NOW);
    assertThat(VendorControls.reviewOverdue(YEAR_AGO, NOW, p)).isFalse();
    assertThat(VendorControls.reviewOverdue(YEAR_AGO, NOW.plus(MS), p)).isTrue();
    // Due on the last day of a shorter month; overdue from the start of the next day.
    Instant lastOfMarch = Instant.parse("2026-03-31T10:00:00Z");
    ControlParameters month = p.with(VendorControls.VENDOR_REVIEW_MONTHS, 1);
    assertThat(VendorControls.reviewDue(lastOfMarch, month)).isEqualTo(Instant.parse("2026-04-30T10:00:00Z"));
    assertThat(VendorControls.reviewOverdue(lastOfMarch, Instant.parse("2026-04-30T23:59:59Z"), month)).isFalse();
    assertThat(VendorControls.reviewOverdue(lastOfMarch, Instant.parse("2026-05-01T00:00:00Z"), month)).isTrue();
  }

  @Test
  void vm1TheLatestReviewDecidesAndNeverReviewedFails() {
    Evaluation e = run("VM-1", snapshot()
        .vendors(List.of(active("ven_1"), active("ven_never"), vendor("ven_gone", Criticality.HIGH,
            VendorStatus.INACTIVE)))
        .vendorReviews(List.of(review("vrv_old", "ven_1", daysAgo(700), ReviewOutcome.APPROVED),
            review("vrv_new", "ven_1", daysAgo(20), ReviewOutcome.REJECTED))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "ven_never")).isEqualTo("vendor ven_never has never had a security review; limit 12 months");
  }

  @Test
  void vm1CountsCalendarMonthsInUtc() {
    Instant endOfFebruary = Instant.parse("2027-02-28T12:00:00Z");
    Snapshot s = snapshot().vendors(List.of(active("ven_1")))
        .vendorReviews(List.of(review("vrv_1", "ven_1", Instant.parse("2026-02-28T12:00:00Z"), ReviewOutcome.APPROVED)))
        .build();
    assertThat(Given.control("VM-1").evaluate(s, endOfFebruary).passed()).isTrue();
    assertThat(Given.control("VM-1").evaluate(s, endOfFebruary.plus(MS)).passed()).isFalse();
  }

  // VM-2

  @ParameterizedTest(name = "{0} vendor must hold a current report")
  @EnumSource(value = Criticality.class, names = {"HIGH", "CRITICAL"})
  void vm2PeriodEndingEighteenMonthsAgoPassesAndADayEarlierFails(Criticality criticality) {
    Evaluation e = run("VM-2", snapshot()
        .vendors(List.of(vendor("ven_edge", criticality, VendorStatus.ACTIVE),
            vendor("ven_late", criticality, VendorStatus.ACTIVE)))
        .vendorReviews(List.of(soc2("vrv_1", "ven_edge", LocalDate.parse("2025-05-26")),
            soc2("vrv_2", "ven_late", LocalDate.parse("2025-05-25")))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "ven_late")).isEqualTo(criticality.wire() + " vendor ven_late: the latest SOC 2 Type II"
        + " report period ended 2025-05-25, before 2025-05-26, 18 months before the run");
  }

  @Test
  void vm2TakesTheLatestPeriodAndIgnoresLowMediumAndInactiveVendors() {
    Evaluation e = run("VM-2", snapshot()
        .vendors(List.of(vendor("ven_crit", Criticality.CRITICAL, VendorStatus.ACTIVE),
            vendor("ven_none", Criticality.HIGH, VendorStatus.ACTIVE),
            vendor("ven_low", Criticality.LOW, VendorStatus.ACTIVE),
            vendor("ven_med", Criticality.MEDIUM, VendorStatus.ACTIVE),
            vendor("ven_gone", Criticality.CRITICAL, VendorStatus.INACTIVE)))
        .vendorReviews(List.of(
            soc2("vrv_1", "ven_crit", LocalDate.parse("2023-12-31")),
            soc2("vrv_2", "ven_crit", LocalDate.parse("2026-06-30")),
            soc2("vrv_3", "ven_none", null),
            soc2("vrv_4", "ven_low", LocalDate.parse("2020-01-01")))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "ven_none")).isEqualTo("high vendor ven_none has no SOC 2 Type II report period on file;"
        + " limit 18 months");
  }

  // VM-3

  @Test
  void vm3PassesConnectionsOfVendorsWithACurrentApproval() {
    Evaluation e = run("VM-3", snapshot()
        .connections(List.of(connection("con_1", "ven_1"), connection("con_2", "ven_2"), connection("con_3", "ven_1")))
        .vendors(List.of(active("ven_1"), active("ven_2")))
        .vendorReviews(List.of(review("vrv_1", "ven_1", YEAR_AGO, ReviewOutcome.APPROVED),
            review("vrv_2", "ven_2", daysAgo(100), ReviewOutcome.REJECTED),
            review("vrv_3", "ven_2", daysAgo(50), ReviewOutcome.APPROVED_WITH_CONDITIONS))));
    assertThat(e.population()).isEqualTo(3);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void vm3FailsUnknownInactiveUnreviewedAndRejectedVendors() {
    Evaluation e = run("VM-3", snapshot()
        .connections(List.of(connection("con_ok", "ven_ok"), connection("con_ghost", "ven_ghost"),
            connection("con_gone", "ven_gone"), connection("con_stale", "ven_stale"),
            connection("con_rej", "ven_rej")))
        .vendors(List.of(active("ven_ok"), vendor("ven_gone", Criticality.LOW, VendorStatus.INACTIVE),
            active("ven_stale"), active("ven_rej")))
        .vendorReviews(List.of(review("vrv_ok", "ven_ok", daysAgo(10), ReviewOutcome.APPROVED),
            review("vrv_gone", "ven_gone", daysAgo(10), ReviewOutcome.APPROVED),
            review("vrv_stale", "ven_stale", YEAR_AGO.minus(MS), ReviewOutcome.APPROVED),
            review("vrv_old", "ven_rej", daysAgo(200), ReviewOutcome.APPROVED),
            review("vrv_rej", "ven_rej", daysAgo(5), ReviewOutcome.REJECTED))));
    assertThat(e.population()).isEqualTo(5);
    assertThat(subjects(e)).containsExactly("con_ghost", "con_gone", "con_rej", "con_stale");
    assertThat(e.exceptions().get(0).detail()).isEqualTo("connection con_ghost relies on unknown vendor ven_ghost");
    assertThat(e.exceptions().get(1).detail()).isEqualTo("connection con_gone relies on vendor ven_gone, which is inactive");
    assertThat(e.exceptions().get(2).detail()).isEqualTo("connection con_rej relies on vendor ven_rej, whose latest"
        + " review vrv_rej of 2026-11-21T12:00:00Z is rejected");
    assertThat(e.exceptions().get(3).detail()).isEqualTo("connection con_stale relies on vendor ven_stale, which has"
        + " no security review since 2025-11-26T12:00:00Z (12 months)");
  }

  @Test
  void vm3OnASameInstantTieTheGreaterReviewIdIsTheLatest() {
    Instant at = NOW.minusSeconds(3600);
    Snapshot.Builder s = snapshot().connections(List.of(connection("con_1", "ven_1"))).vendors(List.of(active("ven_1")));
    assertThat(run("VM-3", s.vendorReviews(List.of(review("vrv_a", "ven_1", at, ReviewOutcome.APPROVED),
        review("vrv_b", "ven_1", at, ReviewOutcome.REJECTED)))).passed()).isFalse();
    assertThat(run("VM-3", s.vendorReviews(List.of(review("vrv_b", "ven_1", at, ReviewOutcome.APPROVED),
        review("vrv_a", "ven_1", at, ReviewOutcome.REJECTED)))).passed()).isTrue();
  }
}
