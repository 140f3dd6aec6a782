package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Given.MS;
import static dev.vigil.controls.catalog.Given.NOW;
import static dev.vigil.controls.catalog.Given.daysAgo;
import static dev.vigil.controls.catalog.Given.hoursAgo;
import static dev.vigil.controls.catalog.Given.minutesAgo;
import static dev.vigil.controls.catalog.Given.onlyDetail;
import static dev.vigil.controls.catalog.Given.run;
import static dev.vigil.controls.catalog.Given.snapshot;
import static dev.vigil.controls.catalog.Given.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.audit.ChainBreak;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggingControlsTest {

  static Facts.Monitoring coverage(Facts.CheckpointCoverage... items) {
    return new Facts.Monitoring(List.of(items), List.of());
  }

  static Facts.Monitoring schedules(Facts.Schedule... items) {
    return new Facts.Monitoring(List.of(), List.of(items));
  }

  static Facts.Schedule hourly(Family family, long recorded) {
    return new Facts.Schedule(family, Duration.ofHours(1), hoursAgo(24), recorded);
  }

  // LG-1

  @Test
  void lg1PassesAnIntactChainAndCountsEntriesAndCheckpoints() {
    Evaluation e = run("LG-1", snapshot().chain(new Facts.Chain(500, List.of(), 9, List.of(),
        Facts.ChainScope.whole(500, NOW))));
    assertThat(e.population()).isEqualTo(509);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void lg1SaysWhatItVerifiedAndWhenTheWholeChainWasLast() {
    Facts.ChainScope rolling = new Facts.ChainScope(400, new Facts.SeqRange(401, 500), new Facts.SeqRange(101, 200),
        hoursAgo(3), new Facts.SeqRange(1, 350), hoursAgo(30), hoursAgo(7));
    Evaluation e = run("LG-1", snapshot().chain(new Facts.Chain(500, List.of(), 1, List.of(), rolling)));
    assertThat(e.population()).as("the whole chain stays the population").isEqualTo(501);
    assertThat(e.scope()).containsExactly(
        "Verified entries 401 to 500, appended since entry 400, chained from the hash entry 400 verified with,"
            + " and checked its stored hash against that hash.",
        "Re-verified entries 101 to 200 as a slice of the rolling pass started " + hoursAgo(3)
            + ", chained from the stored hash of the entry before.",
        "The whole chain, entries 1 to 350, was last fully verified from " + hoursAgo(30) + " to " + hoursAgo(7)
            + "; bound 24 hours.",
        "Checked 1 signed checkpoint.");

    Evaluation first = run("LG-1", snapshot().chain(new Facts.Chain(500, List.of(), 0, List.of(),
        Facts.ChainScope.whole(500, NOW))));
    assertThat(first.scope()).startsWith("No verification was on record: verified the whole chain, entries 1 to"
        + " 500, from its first entry.", "The whole chain, entries 1 to 500, was last fully verified at " + NOW
        + "; bound 24 hours.");

    Facts.ChainScope quiet = new Facts.ChainScope(500, Facts.SeqRange.NONE, Facts.SeqRange.NONE, null,
        Facts.SeqRange.NONE, null, null);
    assertThat(run("LG-1", snapshot().chain(new Facts.Chain(500, List.of(), 0, List.of(), quiet))).scope())
        .startsWith("Checked the stored hash of entry 500, the last verified, against the hash it verified with;"
            + " no entry was appended since.", "The whole chain has not yet been verified intact; bound 24 hours.");
  }

  @Test
  void lg1NamesEveryBrokenEntryAndBadCheckpointInSeqOrder() {
    Evaluation e = run("LG-1", snapshot().chain(new Facts.Chain(500,
        List.of(new ChainBreak(10, "prev_hash does not match the hash of entry 9"),
            new ChainBreak(9, "hash does not match the entry's canonical bytes")),
        9, List.of(new ChainBreak(400, "checkpoint signature does not verify")), Facts.ChainScope.whole(500, NOW))));
    assertThat(e.population()).isEqualTo(509);
    assertThat(subjects(e)).containsExactly("checkpoint 400", "entry 9", "entry 10");
    assertThat(e.exceptions().get(0).detail()).isEqualTo("checkpoint signature does not verify");
    assertThat(e.exceptions().get(2).detail()).isEqualTo("prev_hash does not match the hash of entry 9");
  }

  // LG-2

  @Test
  void lg2PassesAContiguousChainFromSeqOne() {
    Evaluation e = run("LG-2", snapshot().retention(new Facts.Retention(1, 800, 800, daysAgo(20))));
    assertThat(e.population()).isEqualTo(800);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void lg2AnEmptyChainPassesWithNothingExamined() {
    Evaluation e = run("LG-2", snapshot().retention(new Facts.Retention(0, 0, 0, null)));
    assertThat(e.population()).isZero();
    assertThat(e.passed()).isTrue();
  }

  @Test
  void lg2NamesAGapInTheSeqRange() {
    Evaluation e = run("LG-2", snapshot().retention(new Facts.Retention(1, 800, 797, daysAgo(20))));
    assertThat(e.population()).isEqualTo(797);
    assertThat(onlyDetail(e, "chain")).isEqualTo("3 entries are missing between seq 1 and 800: 797 held of 800");
  }

  @Test
  void lg2EntriesDeletedBeforeTheRetentionPeriodFailAndOnesOldEnoughPass() {
    Evaluation early = run("LG-2",
        snapshot().retention(new Facts.Retention(42, 100, 59, daysAgo(365).plus(MS))));
    assertThat(onlyDetail(early, "entries 1-41")).isEqualTo("entries 1 to 41 were deleted though the oldest"
        + " remaining entry (seq 42) was appended 2025-11-26T12:00:00.001Z, only 364 days 23h 59m 59s 999ms"
        + " before the run; retention 365 days");
    assertThat(run("LG-2", snapshot().retention(new Facts.Retention(42, 100, 59, daysAgo(365)))).passed()).isTrue();
  }

  @Test
  void lg2ReportsAGapAndAnEarlyDeletionTogether() {
    Evaluation e = run("LG-2", snapshot().retention(new Facts.Retention(2, 11, 9, daysAgo(3))));
    assertThat(subjects(e)).containsExactly("chain", "entries 1-1");
    assertThat(e.exceptions().get(0).detail()).startsWith("1 entry is missing between seq 2 and 11");
    assertThat(e.exceptions().get(1).detail()).startsWith("entry 1 was deleted");
  }

  // LG-3: checkpoints

  @Test
  void lg3CoverageWithinSixtyMinutesPassesAndAMillisecondMoreFails() {
    Evaluation e = run("LG-3", snapshot().monitoring(coverage(
        new Facts.CheckpointCoverage(100, hoursAgo(5), hoursAgo(4)),
        new Facts.CheckpointCoverage(200, hoursAgo(3), hoursAgo(2).plus(MS)))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "entries from 200")).isEqualTo("entries from seq 200, the first appended"
        + " 2026-11-26T09:00:00Z, were covered by a signed checkpoint only after 1h 1ms; limit 1h");
  }

  @Test
  void lg3UncoveredEntriesFailOnceOlderThanSixtyMinutes() {
    Evaluation e = run("LG-3", snapshot().monitoring(coverage(
        new Facts.CheckpointCoverage(300, minutesAgo(61), null),
        new Facts.CheckpointCoverage(400, minutesAgo(60), null))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "entries from 300")).contains("are still not covered by a signed checkpoint after 1h 1m",
        "limit 1h");
  }

  @Test
  void lg3OnlyCountsEntriesAppendedWithinTheLookback() {
    Evaluation e = run("LG-3", snapshot().monitoring(coverage(
        new Facts.CheckpointCoverage(1, hoursAgo(24).minus(MS), hoursAgo(20)),
        new Facts.CheckpointCoverage(2, hoursAgo(24), hoursAgo(22)))));
    assertThat(e.population()).isEqualTo(1);
    assertThat(subjects(e)).containsExactly("entries from 2");
  }

  // LG-3: scheduled runs

  @Test
  void lg3ToleratesOneMissedRunAndFailsTwo() {
    Evaluation e = run("LG-3", snapshot().monitoring(schedules(
        hourly(Family.LEAST_PRIVILEGE, 24), hourly(Family.ENCRYPTION, 23), hourly(Family.VENDORS, 22))));
    assertThat(e.population()).isEqualTo(72);
    assertThat(onlyDetail(e, "schedule vendors"))
        .isEqualTo("2 of 24 scheduled vendors runs missing since 2026-11-25T12:00:00Z (every 1h); tolerance 1");
  }

  @Test
  void lg3CountsOnlyWholeIntervalsAndNothingBeforeTheWindowOpens() {
    Facts.Schedule partial = new Facts.Schedule(Family.LOGGING, Duration.ofHours(6), hoursAgo(17).minus(MS), 0);
    Facts.Schedule future = new Facts.Schedule(Family.INCIDENTS, Duration.ofHours(1), NOW.plusSeconds(60), 0);
    Evaluation e = run("LG-3", snapshot().monitoring(schedules(partial, future)));
    assertThat(e.population()).isEqualTo(2);
    assertThat(onlyDetail(e, "schedule logging")).startsWith("2 of 2 scheduled logging runs missing");
  }

  @Test
  void lg3PopulationAddsCoverageAndExpectedRuns() {
    Evaluation e = run("LG-3", snapshot().monitoring(new Facts.Monitoring(
        List.of(new Facts.CheckpointCoverage(7, hoursAgo(2), hoursAgo(1))),
        List.of(hourly(Family.INCIDENTS, 24)))));
    assertThat(e.population()).isEqualTo(25);
    assertThat(e.passed()).isTrue();
  }
}
