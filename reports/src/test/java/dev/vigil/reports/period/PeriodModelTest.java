package dev.vigil.reports.period;

import static dev.vigil.collectors.monitoring.ControlStatus.ERROR;
import static dev.vigil.collectors.monitoring.ControlStatus.FAILING;
import static dev.vigil.collectors.monitoring.ControlStatus.NOT_APPLICABLE;
import static dev.vigil.collectors.monitoring.ControlStatus.NOT_RUN;
import static dev.vigil.collectors.monitoring.ControlStatus.PASSING;
import static dev.vigil.collectors.monitoring.RunResult.FAIL;
import static dev.vigil.collectors.monitoring.RunResult.PASS;
import static dev.vigil.reports.period.History.DAY;
import static dev.vigil.reports.period.History.HOURLY;
import static dev.vigil.reports.period.History.TENANT;
import static dev.vigil.reports.period.History.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.RunResult;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.model.ControlException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The period model on hand-built histories of one day with an hourly schedule. */
class PeriodModelTest {

  private static final RunResult NOT_APPLICABLE_RESULT = RunResult.NOT_APPLICABLE;

  // ---- what is refused

  @Test
  void aPeriodEndsAfterItStarts() {
    assertThatThrownBy(() -> new Period(at("10:00"), at("10:00")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends after it starts");
    assertThatThrownBy(() -> new Period(at("10:00"), at("09:00")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends after it starts");
  }

  @Test
  void runsFindingsAndExceptionsOfAnotherControlAreRefused() {
    ControlRun other = otherRun("AC-2", TENANT);
    assertThatThrownBy(() -> new ControlHistory(TENANT, History.AC_1, HOURLY, List.of(other), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("run run_other is of control AC-2, not AC-1");
    Finding finding = new Finding(TENANT, "fnd_1", "AC-2", "grt_1", "d", at("01:00"), "run_1", null, null);
    assertThatThrownBy(() -> new ControlHistory(TENANT, History.AC_1, HOURLY, List.of(), List.of(finding), List.of()))
        .hasMessage("finding fnd_1 is of control AC-2, not AC-1");
    ControlException exception = new ControlException(TENANT, "exc_1", "AC-2", "grt_1", "r", "usr_1", at("02:00"),
        at("01:00"), null, null);
    assertThatThrownBy(() -> new ControlHistory(TENANT, History.AC_1, HOURLY, List.of(), List.of(), List.of(exception)))
        .hasMessage("exception exc_1 is of control AC-2, not AC-1");
  }

  @Test
  void aRunOfAnotherTenantIsRefusedWithoutNamingThatTenant() {
    ControlRun other = otherRun("AC-1", "ten_secret_b");
    assertThatThrownBy(() -> new ControlHistory(TENANT, History.AC_1, HOURLY, List.of(other), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("run run_other belongs to another tenant, not ten_a");
  }

  @Test
  void theScheduleIntervalIsPositive() {
    assertThatThrownBy(() -> new ControlHistory(TENANT, History.AC_1, Duration.ZERO, List.of(), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
  }

  // ---- what a report says

  @Test
  void aControlFailingForExactlyOneHourInTheMiddle() {
    ControlPeriod p = new History().hourly("-01:00", "12:00", PASS).scheduled("12:00", FAIL, "grt_x")
        .hourly("13:00", "24:00", PASS).finding("grt_x", "12:00", "13:00").overTheDay();

    assertThat(p.runs()).isEqualTo(new RunCounts(24, 0, 0, 0));
    assertThat(p.timeline()).containsExactly(segment(PASSING, "00:00", "12:00"), segment(FAILING, "12:00", "13:00"),
        segment(PASSING, "13:00", "24:00"));
    assertThat(p.passing()).isEqualTo(Duration.ofHours(23));
    assertThat(p.passingShare()).isEqualTo(23.0 / 24);
    assertThat(p.conclusion()).isEqualTo("1 deviation noted");
    PeriodDeviation d = p.deviations().get(0);
    assertThat(p.deviations()).hasSize(1);
    assertThat(d.kind()).isEqualTo("failing");
    assertThat(d.start()).isEqualTo(at("12:00"));
    assertThat(d.beganBeforePeriod()).isFalse();
    assertThat(d.end()).isEqualTo(at("13:00"));
    assertThat(d.timeToRemediate()).contains(Duration.ofHours(1));
    assertThat(d.runIds()).containsExactly("run_14");
    assertThat(d.members()).containsExactly(new Deviation("grt_x", "grt_x has a wildcard scope"));
    assertThat(d.findings()).extracting(Finding::subjectId).containsExactly("grt_x");
    assertThat(p.exceptions()).isEmpty();
  }

  @Test
  void aControlFailingPastThePeriodEndIsOpenAtPeriodEnd() {
    // The passing run at exactly the period's end is not in the period and changes nothing of it.
    ControlPeriod p = new History().hourly("00:00", "20:00", PASS).scheduled("20:00", FAIL, "grt_y")
        .scheduled("21:00", FAIL, "grt_y").scheduled("22:00", FAIL, "grt_y").scheduled("23:00", FAIL, "grt_y")
        .scheduled("24:00", PASS).finding("grt_y", "20:00", "24:00").overTheDay();

    assertThat(p.runs()).isEqualTo(new RunCounts(24, 0, 0, 0));
    assertThat(p.timeline()).containsExactly(segment(PASSING, "00:00", "20:00"), segment(FAILING, "20:00", "24:00"));
    assertThat(p.passingShare()).isEqualTo(20.0 / 24);
    PeriodDeviation d = single(p);
    assertThat(d.start()).isEqualTo(at("20:00"));
    assertThat(d.openAtPeriodEnd()).isTrue();
    assertThat(d.end()).isNull();
    assertThat(d.timeToRemediate()).isEmpty();
    assertThat(d.runIds()).containsExactly("run_21", "run_22", "run_23", "run_24");
    assertThat(d.findings()).extracting(Finding::subjectId).containsExactly("grt_y");
  }

  @Test
  void aDeviationThatBeganBeforeThePeriodKeepsItsStart() {
    ControlPeriod p = new History().scheduled("-02:00", FAIL, "grt_z").scheduled("-01:00", FAIL, "grt_z")
        .scheduled("00:00", FAIL, "grt_z").scheduled("01:00", FAIL, "grt_z").hourly("02:00", "24:00", PASS)
        .finding("grt_z", "-02:00", "02:00").overTheDay();

    assertThat(p.timeline()).containsExactly(segment(FAILING, "00:00", "02:00"), segment(PASSING, "02:00", "24:00"));
    assertThat(p.passing()).isEqualTo(Duration.ofHours(22));
    PeriodDeviation d = single(p);
    assertThat(d.start()).isEqualTo(at("-02:00"));
    assertThat(d.beganBeforePeriod()).isTrue();
    assertThat(d.end()).isEqualTo(at("02:00"));
    assertThat(d.timeToRemediate()).contains(Duration.ofHours(4));
    assertThat(d.runIds()).containsExactly("run_1", "run_2", "run_3", "run_4");
    assertThat(p.runs()).isEqualTo(new RunCounts(24, 0, 0, 0));
  }

  @Test
  void anExceptionCoveringPartOfADeviation() {
    // grt_a and grt_b fail at 10:00; grt_a's exception is approved at 10:30 and excuses it from the
    // 11:00 run on; grt_b is fixed before 13:00. Exceptions of other subjects or other times do not cover it.
    ControlPeriod p = new History().hourly("00:00", "10:00", PASS).scheduled("10:00", FAIL, "grt_a", "grt_b")
        .excusing("11:00", List.of("grt_a"), "grt_b").excusing("12:00", List.of("grt_a"), "grt_b")
        .run(RunTrigger.SCHEDULE, at("13:00"), PASS, List.of("grt_a")).hourly("14:00", "24:00", PASS)
        .finding("grt_a", "10:00", "11:00").finding("grt_b", "10:00", "13:00")
        .exception("grt_a", "10:30", "14:00").exception("grt_c", "-48:00", "48:00")
        .exception("grt_d", "-48:00", "00:00").exception("grt_e", "24:00", "48:00").overTheDay();

    PeriodDeviation d = single(p);
    assertThat(d.start()).isEqualTo(at("10:00"));
    assertThat(d.end()).isEqualTo(at("13:00"));
    assertThat(d.members()).extracting(Deviation::subjectId).containsExactly("grt_a", "grt_b");
    assertThat(d.findings()).extracting(Finding::subjectId).containsExactly("grt_a", "grt_b");
    assertThat(p.exceptions()).extracting(e -> e.exception().subjectId()).containsExactly("grt_c", "grt_a");
    ExceptionInForce a = p.exceptions().get(1);
    assertThat(a.exception().approvedBy()).isEqualTo("usr_ciso");
    assertThat(a.exception().reason()).isEqualTo("migration in progress");
    assertThat(a.exception().expiresAt()).isEqualTo(at("14:00"));
    assertThat(a.covered()).containsExactly(new ExceptionInForce.Covered(at("10:00"), "grt_a", at("10:30"), at("13:00")));
    assertThat(p.exceptions().get(0).covered()).isEmpty();
  }

  @Test
  void missedScheduledRunsWhileTheServiceWasDown() {
    // Down from 04:30 to 08:30: the 05:00 to 08:00 runs are missing. The 04:00 pass holds
    // until the next run was due (05:00, and 6 minutes of jitter); then the control is untested.
    ControlPeriod p = new History().hourly("00:00", "05:00", PASS).hourly("09:00", "24:00", PASS).overTheDay();

    assertThat(p.runs()).isEqualTo(new RunCounts(20, 0, 0, 4));
    assertThat(p.timeline()).containsExactly(segment(PASSING, "00:00", "05:06"), segment(NOT_RUN, "05:06", "09:00"),
        segment(PASSING, "09:00", "24:00"));
    assertThat(p.passing()).isEqualTo(Duration.ofHours(24).minusMinutes(3 * 60 + 54));
    PeriodDeviation d = single(p);
    assertThat(d.kind()).isEqualTo("not tested");
    assertThat(d.start()).isEqualTo(at("05:06"));
    assertThat(d.end()).isEqualTo(at("09:00"));
    assertThat(p.conclusion()).isEqualTo("1 deviation noted");
  }

  @Test
  void eachRunIsJudgedByTheScheduleItRecordedNotByTodaysConfiguration() {
    // Swept every 6 hours until noon, then every 5 minutes; today's configuration says hourly.
    ControlPeriod p = new History().recording(Duration.ofHours(6)).passingEvery(Duration.ofHours(6), "00:00", "12:00")
        .recording(Duration.ofMinutes(5)).passingEvery(Duration.ofMinutes(5), "12:00", "24:00").overTheDay();

    assertThat(p.runs()).isEqualTo(new RunCounts(2 + 144, 0, 0, 0));
    assertThat(p.timeline()).containsExactly(segment(PASSING, "00:00", "24:00"));
    assertThat(p.noDeviationsNoted()).isTrue();
    assertThat(p.schedules()).containsExactly(new ScheduleSpan(Duration.ofHours(6), at("00:00"), at("12:00")),
        new ScheduleSpan(Duration.ofMinutes(5), at("12:00"), at("24:00")));
    assertThat(p.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.shortestInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.scheduleWords(d -> d.toMinutes() + " min", Instant::toString))
        .isEqualTo("every 360 min until 2026-03-01T12:00:00Z, then every 5 min");
  }

  @Test
  void aRecordedScheduleStillCountsMissedRunsAndLapsesByItsOwnInterval() {
    // Every 6 hours, but the 12:00 run is missing: the 06:00 pass lapses at 12:36 and one run is missed.
    ControlPeriod p = new History().recording(Duration.ofHours(6)).scheduled("00:00", PASS).scheduled("06:00", PASS)
        .scheduled("18:00", PASS).overTheDay();

    assertThat(p.runs().missedScheduled()).isEqualTo(1);
    assertThat(p.timeline()).containsExactly(segment(PASSING, "00:00", "12:36"), segment(NOT_RUN, "12:36", "18:00"),
        segment(PASSING, "18:00", "24:00"));
  }

  @Test
  void aGapCountsTheWholeIntervalsThatFitAfterTheJitterTolerance() {
    Duration tolerance = HOURLY.dividedBy(MissedRuns.TOLERANCE_DIVISOR);
    assertThat(tolerance).isEqualTo(Duration.ofMinutes(6));
    assertThat(MissedRuns.inGap(Duration.ZERO, HOURLY, tolerance)).isZero();
    assertThat(MissedRuns.inGap(Duration.ofMinutes(66), HOURLY, tolerance)).isZero();
    assertThat(MissedRuns.inGap(Duration.ofMinutes(66).plusNanos(1), HOURLY, tolerance)).isOne();
    assertThat(MissedRuns.inGap(Duration.ofHours(2), HOURLY, tolerance)).isOne();
    assertThat(MissedRuns.inGap(Duration.ofMinutes(126), HOURLY, tolerance)).isOne();
    assertThat(MissedRuns.inGap(Duration.ofMinutes(126).plusNanos(1), HOURLY, tolerance)).isEqualTo(2);
  }

  @Test
  void runsThatStartLateWithinTheToleranceMissNothing() {
    // Scheduled runs without a recorded moment are placed at their start: 05:00 starts 5 minutes late.
    History h = new History().hourly("00:00", "05:00", PASS).hourly("06:00", "24:00", PASS);
    h.run(RunTrigger.SCHEDULE, at("05:05"), PASS, List.of());
    List<ControlRun> runs = h.runs().stream().map(r -> r.startedAt().equals(at("05:05")) ? unscheduled(r) : r).toList();

    ControlPeriod p = PeriodModel.of(DAY, new ControlHistory(TENANT, History.AC_1, HOURLY, runs, List.of(), List.of()));

    assertThat(p.runs()).isEqualTo(new RunCounts(24, 0, 0, 0));
  }

  @Test
  void errorRunsAreNotTestedDeviations() {
    ControlPeriod p = new History().hourly("00:00", "06:00", PASS).scheduled("06:00", RunResult.ERROR)
        .scheduled("07:00", RunResult.ERROR).hourly("08:00", "24:00", PASS).finding("grt_old", "-05:00", null)
        .overTheDay();

    assertThat(p.timeline()).containsExactly(segment(PASSING, "00:00", "06:00"), segment(ERROR, "06:00", "08:00"),
        segment(PASSING, "08:00", "24:00"));
    assertThat(p.passing()).isEqualTo(Duration.ofHours(22));
    PeriodDeviation d = single(p);
    assertThat(d.status()).isEqualTo(ERROR);
    assertThat(d.kind()).isEqualTo("not tested");
    assertThat(d.start()).isEqualTo(at("06:00"));
    assertThat(d.end()).isEqualTo(at("08:00"));
    assertThat(d.timeToRemediate()).contains(Duration.ofHours(2));
    assertThat(d.errors()).containsExactly("facts failed to load");
    assertThat(d.runIds()).containsExactly("run_7", "run_8");
    assertThat(d.members()).isEmpty();
    assertThat(d.findings()).as("a finding open meanwhile did not cause the error").isEmpty();
    assertThat(p.runs()).isEqualTo(new RunCounts(24, 0, 0, 0));
  }

  @Test
  void noRunInThePeriodLetsTheLastPassHoldOnlyUntilTheNextRunWasDue() {
    ControlPeriod p = new History().scheduled("-01:00", PASS).overTheDay();

    assertThat(p.runs()).isEqualTo(new RunCounts(0, 0, 0, 23));
    assertThat(p.timeline()).containsExactly(segment(PASSING, "00:00", "00:06"), segment(NOT_RUN, "00:06", "24:00"));
    assertThat(p.passing()).isEqualTo(Duration.ofMinutes(6));
    PeriodDeviation d = single(p);
    assertThat(d.kind()).isEqualTo("not tested");
    assertThat(d.openAtPeriodEnd()).isTrue();
  }

  @Test
  void noRunAtAllIsNotTestedForTheWholePeriod() {
    ControlPeriod p = new History().overTheDay();

    assertThat(p.runs()).isEqualTo(new RunCounts(0, 0, 0, 23));
    assertThat(p.timeline()).containsExactly(segment(NOT_RUN, "00:00", "24:00"));
    assertThat(p.passingShare()).isZero();
    PeriodDeviation d = single(p);
    assertThat(d.status()).isEqualTo(NOT_RUN);
    assertThat(d.kind()).isEqualTo("not tested");
    assertThat(d.start()).isEqualTo(at("00:00"));
    assertThat(d.beganBeforePeriod()).isFalse();
    assertThat(d.openAtPeriodEnd()).isTrue();
    assertThat(d.runIds()).isEmpty();
  }

  @Test
  void failingBeforeThePeriodWithNoRunInItFailsTheWholePeriod() {
    ControlPeriod p = new History().scheduled("-03:00", FAIL, "grt_q").finding("grt_q", "-03:00", null).overTheDay();

    assertThat(p.timeline()).containsExactly(segment(FAILING, "00:00", "24:00"));
    PeriodDeviation d = single(p);
    assertThat(d.start()).isEqualTo(at("-03:00"));
    assertThat(d.beganBeforePeriod()).isTrue();
    assertThat(d.openAtPeriodEnd()).isTrue();
    assertThat(d.members()).extracting(Deviation::subjectId).containsExactly("grt_q");
    assertThat(d.findings()).extracting(Finding::subjectId).containsExactly("grt_q");
  }

  @Test
  void aPeriodWithOnlyChangeTriggeredRuns() {
    ControlPeriod p = new History().triggered(RunTrigger.CHANGE, "03:00", PASS)
        .triggered(RunTrigger.CHANGE, "09:30", FAIL, "grt_w").triggered(RunTrigger.CHANGE, "10:15", PASS)
        .finding("grt_w", "09:30", "10:15").overTheDay();

    assertThat(p.runs()).isEqualTo(new RunCounts(0, 3, 0, 23));
    // The hourly schedule never ran: each pass stands for the 66 minutes a scheduled run would have.
    assertThat(p.timeline()).containsExactly(segment(NOT_RUN, "00:00", "03:00"), segment(PASSING, "03:00", "04:06"),
        segment(NOT_RUN, "04:06", "09:30"), segment(FAILING, "09:30", "10:15"), segment(PASSING, "10:15", "11:21"),
        segment(NOT_RUN, "11:21", "24:00"));
    assertThat(p.passing()).isEqualTo(Duration.ofMinutes(2 * 66));
    assertThat(p.conclusion()).isEqualTo("4 deviations noted");
    assertThat(p.deviations()).extracting(PeriodDeviation::status, PeriodDeviation::start, PeriodDeviation::end)
        .containsExactly(tuple(NOT_RUN, at("00:00"), at("03:00")), tuple(NOT_RUN, at("04:06"), at("09:30")),
            tuple(FAILING, at("09:30"), at("10:15")), tuple(NOT_RUN, at("11:21"), null));
    assertThat(p.deviations().get(2).timeToRemediate()).contains(Duration.ofMinutes(45));
  }

  @Test
  void manualRunsAreCountedApartAndTheOrderRunsArriveInDoesNotMatter() {
    History h = new History().hourly("00:00", "24:00", PASS).triggered(RunTrigger.MANUAL, "12:30", FAIL, "grt_m")
        .triggered(RunTrigger.CHANGE, "12:45", PASS);
    List<ControlRun> shuffled = new ArrayList<>(h.runs());
    Collections.shuffle(shuffled, new Random(7));

    ControlPeriod p = PeriodModel.of(DAY, new ControlHistory(TENANT, History.AC_1, HOURLY, shuffled, List.of(),
        List.of()));

    assertThat(p).isEqualTo(h.overTheDay());
    assertThat(p.runs()).isEqualTo(new RunCounts(24, 1, 1, 0));
    assertThat(single(p).timeToRemediate()).contains(Duration.ofMinutes(15));
  }

  // ---- not applicable: a run looked and found nothing to test

  @Test
  void aDayNotApplicableThroughoutIsNeitherAPassNorADeviation() {
    ControlPeriod p = new History().hourly("-01:00", "24:00", NOT_APPLICABLE_RESULT).overTheDay();

    assertThat(p.timeline()).containsExactly(segment(NOT_APPLICABLE, "00:00", "24:00"));
    assertThat(p.deviations()).isEmpty();
    assertThat(p.passing()).isZero();
    assertThat(p.notApplicableShare()).isEqualTo(1.0);
    assertThat(p.notApplicableThroughout()).isTrue();
    assertThat(p.conclusion()).isEqualTo("not applicable: every run in the period found no active grant");
    assertThat(p.runs()).isEqualTo(new RunCounts(24, 0, 0, 0));
  }

  @Test
  void aControlApplicableForPartOfTheDayHasNoDeviationAndPassesOnlyThen() {
    ControlPeriod p = new History().hourly("00:00", "12:00", NOT_APPLICABLE_RESULT).hourly("12:00", "24:00", PASS)
        .overTheDay();

    assertThat(p.timeline()).containsExactly(segment(NOT_APPLICABLE, "00:00", "12:00"),
        segment(PASSING, "12:00", "24:00"));
    assertThat(p.conclusion()).isEqualTo(ControlPeriod.NO_DEVIATIONS);
    assertThat(p.passingShare()).isEqualTo(0.5);
    assertThat(p.notApplicable()).isEqualTo(Duration.ofHours(12));
    assertThat(p.notApplicableThroughout()).isFalse();
  }

  @Test
  void notApplicableLapsesLikeAPassWhenNoRunRenewsIt() {
    ControlPeriod p = new History().scheduled("00:00", NOT_APPLICABLE_RESULT).overTheDay();

    assertThat(p.timeline()).containsExactly(segment(NOT_APPLICABLE, "00:00", "01:06"),
        segment(NOT_RUN, "01:06", "24:00"));
    assertThat(single(p).kind()).isEqualTo("not tested");
    assertThat(p.conclusion()).isEqualTo("1 deviation noted");
  }

  @Test
  void aFailureEndsWhenItsMembersAreGoneAndTheControlIsNotApplicable() {
    ControlPeriod p = new History().hourly("00:00", "09:00", PASS).scheduled("09:00", FAIL, "grt_x")
        .hourly("10:00", "24:00", NOT_APPLICABLE_RESULT).finding("grt_x", "09:00", "10:00").overTheDay();

    PeriodDeviation d = single(p);
    assertThat(d.status()).isEqualTo(FAILING);
    assertThat(d.end()).isEqualTo(at("10:00"));
    assertThat(d.timeToRemediate()).contains(Duration.ofHours(1));
    assertThat(p.conclusion()).isEqualTo("1 deviation noted");
  }

  @Test
  void theControlIsDescribedAsDeclared() {
    ControlPeriod p = new History().hourly("00:00", "24:00", PASS).overTheDay();

    assertThat(p.control().id()).isEqualTo("AC-1");
    assertThat(p.control().title()).isEqualTo("No wildcard or admin scopes");
    assertThat(p.control().criteria()).containsExactly("CC6.1", "CC6.3");
    assertThat(p.control().procedure()).startsWith("Inspected every grant");
    assertThat(p.interval()).isEqualTo(HOURLY);
    assertThat(p.period()).isEqualTo(DAY);
  }

  private static StatusSegment segment(ControlStatus status, String start, String end) {
    return new StatusSegment(status, at(start), at(end));
  }

  private static PeriodDeviation single(ControlPeriod p) {
    assertThat(p.deviations()).hasSize(1);
    return p.deviations().get(0);
  }

  private static ControlRun otherRun(String controlId, String tenantId) {
    ControlRun r = new History().scheduled("01:00", PASS).runs().get(0);
    return new ControlRun(tenantId, "run_other", controlId, r.family(), r.trigger(), r.scheduledFor(), r.scheduleSeconds(),
        r.startedAt(),
        r.finishedAt(), r.result(), r.population(), r.exceptionCount(), r.exceptions(), r.excused(), r.error(),
        r.evidenceSha256(), r.auditSeq());
  }

  private static ControlRun unscheduled(ControlRun r) {
    return new ControlRun(r.tenantId(), r.id(), r.controlId(), r.family(), r.trigger(), null, r.scheduleSeconds(),
        r.startedAt(),
        r.finishedAt(), r.result(), r.population(), r.exceptionCount(), r.exceptions(), r.excused(), r.error(),
        r.evidenceSha256(), r.auditSeq());
  }
}
