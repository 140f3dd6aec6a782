package dev.vigil.reports.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.RunResult;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Excused;
import dev.vigil.reports.period.Period;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each sampled member's evidence: the runs in the period that examined it and what each found. */
class SampleEvidenceTest {

  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final Period DAY = new Period(T0, T0.plus(Duration.ofDays(1)));
  static final String SEED = SampleDrawTest.SEED;
  static final Set<String> MEMBERS = Set.of("ven_1", "ven_2", "ven_3");

  @Test
  void runsOfAnotherControlAreRefused() {
    Sample sample = Sampler.draw(SEED, "VM-1", Duration.ofDays(30), MEMBERS);
    ControlRun other = run("run_x", "VM-2", 1, RunResult.PASS, List.of(), List.of(), 3);

    assertThatThrownBy(() -> SampleEvidence.attach(sample, DAY, List.of(other), Map.of("run_x", MEMBERS)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("run run_x is of control VM-2, not VM-1");
  }

  @Test
  void eachRunThatExaminedAMemberSaysWhatItFound() {
    Sample sample = Sampler.draw(SEED, "VM-1", Duration.ofMinutes(5), MEMBERS);
    assertThat(sample.wholePopulation()).isTrue();
    List<ControlRun> runs = List.of(
        run("run_before", "VM-1", -1, RunResult.PASS, List.of(), List.of(), 3),
        run("run_3", "VM-1", 3, RunResult.FAIL, List.of("ven_3"), List.of(), 1),
        run("run_1", "VM-1", 1, RunResult.PASS, List.of(), List.of(), 0),
        run("run_5", "VM-1", 5, RunResult.PASS, List.of(), List.of("ven_3"), 0),
        run("run_error", "VM-1", 6, RunResult.ERROR, List.of(), List.of(), 0),
        run("run_unlisted", "VM-1", 7, RunResult.PASS, List.of(), List.of(), 0),
        run("run_after", "VM-1", 24, RunResult.PASS, List.of(), List.of(), 0));
    Map<String, Set<String>> members = Map.of("run_before", MEMBERS, "run_1", Set.of("ven_1", "ven_3"),
        "run_3", MEMBERS, "run_5", MEMBERS, "run_error", MEMBERS, "run_after", MEMBERS);

    Sample withEvidence = SampleEvidence.attach(sample, DAY, runs, members);

    SampledItem ven3 = item(withEvidence, "ven_3");
    assertThat(ven3.examinations()).extracting(Stretch::firstRunId, Stretch::result, Stretch::detail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("run_1", ItemResult.PASSED, null),
            org.assertj.core.groups.Tuple.tuple("run_3", ItemResult.FAILED, "ven_3 fails"),
            org.assertj.core.groups.Tuple.tuple("run_5", ItemResult.EXCUSED, "ven_3 fails"));
    assertThat(ven3.examinations().get(1).firstStartedAt()).isEqualTo(T0.plus(Duration.ofHours(3)));
    assertThat(ven3.examinations()).allSatisfy(x -> assertThat(x.runs()).isEqualTo(1));
    assertThat(item(withEvidence, "ven_2").examinations()).as("two passes in a row are one stretch")
        .containsExactly(new Stretch("run_3", T0.plus(Duration.ofHours(3)), "run_5", T0.plus(Duration.ofHours(5)), 2,
            ItemResult.PASSED, null));
    assertThat(ven3.chainEntries()).as("the caller reads them from the chain").isEmpty();
  }

  @Test
  void aMemberFailingForAnHourInAYearOfRunsIsThreeStretches() {
    Sample sample = Sampler.draw(SEED, "VM-1", Duration.ofMinutes(5), MEMBERS);
    Period year = new Period(T0, T0.plus(Duration.ofDays(365)));
    List<ControlRun> runs = new ArrayList<>();
    Map<String, Set<String>> members = new java.util.HashMap<>();
    int failFrom = 50_000;
    for (int i = 0; i < 105_120; i++) {
      boolean failing = i >= failFrom && i < failFrom + 12;
      runs.add(new ControlRun("ten_a", "run_" + i, "VM-1", "vendors", RunTrigger.SCHEDULE,
          T0.plus(Duration.ofMinutes(5L * i)), 300L, T0.plus(Duration.ofMinutes(5L * i)),
          T0.plus(Duration.ofMinutes(5L * i)).plusSeconds(1), failing ? RunResult.FAIL : RunResult.PASS, 3,
          failing ? 1 : 0, failing ? List.of(new Deviation("ven_1", "review overdue")) : List.of(), List.of(), null,
          "0".repeat(64), 1L));
      members.put("run_" + i, MEMBERS);
    }

    SampledItem ven1 = item(SampleEvidence.attach(sample, year, runs, members), "ven_1");

    assertThat(ven1.examinations()).extracting(Stretch::firstRunId, Stretch::lastRunId, Stretch::runs, Stretch::result)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("run_0", "run_49999", 50_000L, ItemResult.PASSED),
            org.assertj.core.groups.Tuple.tuple("run_50000", "run_50011", 12L, ItemResult.FAILED),
            org.assertj.core.groups.Tuple.tuple("run_50012", "run_105119", 55_108L, ItemResult.PASSED));
    assertThat(ven1.runs()).isEqualTo(105_120);
    assertThat(ven1.runsByResult()).containsEntry(ItemResult.FAILED, 12L).containsEntry(ItemResult.PASSED, 105_108L);
    assertThat(ven1.notPassed()).singleElement().extracting(Stretch::detail).isEqualTo("review overdue");
  }

  @Test
  void aRunThatNamedOnlySomeOfItsFailingMembersCannotSayTheOthersPassed() {
    Sample sample = Sampler.draw(SEED, "VM-1", Duration.ofDays(30), MEMBERS);
    List<String> listed = IntStream.range(0, RunRecorder.LISTED).mapToObj(i -> "ven_other_" + i).toList();
    ControlRun partial = run("run_partial", "VM-1", 2, RunResult.FAIL, listed, List.of(), RunRecorder.LISTED + 5);

    Sample withEvidence = SampleEvidence.attach(sample, DAY, List.of(partial), Map.of("run_partial", MEMBERS));

    assertThat(withEvidence.items()).allSatisfy(i -> assertThat(i.examinations())
        .extracting(Stretch::result).containsExactly(ItemResult.UNKNOWN));
  }

  @Test
  void theCallerFillsInTheChainEntries() {
    SampledItem item = Sampler.draw(SEED, "VM-1", Duration.ofDays(30), MEMBERS).items().get(0);
    AuditEntry entry = new AuditEntry(7, "ten_a", T0.plusSeconds(60), new Actor("token", "tok_1"), "vendor.updated",
        item.memberId(), JsonNodeFactory.instance.objectNode().put("status", "active"), "ab".repeat(32));

    SampledItem filled = item.withChainEntries(List.of(entry));

    assertThat(filled.chainEntries()).containsExactly(entry);
    assertThat(filled.memberId()).isEqualTo(item.memberId());
    assertThat(filled.rank()).isEqualTo(item.rank());
  }

  private static SampledItem item(Sample sample, String memberId) {
    return sample.items().stream().filter(i -> i.memberId().equals(memberId)).findFirst().orElseThrow();
  }

  private static ControlRun run(String id, String controlId, int hour, RunResult result, List<String> failing,
      List<String> excused, long exceptionCount) {
    Instant start = T0.plus(Duration.ofHours(hour));
    List<Deviation> exceptions = new ArrayList<>();
    for (String m : failing) exceptions.add(new Deviation(m, m + " fails"));
    List<Excused> ex = excused.stream().map(m -> new Excused(m, m + " fails", "exc_1", T0.plus(Duration.ofDays(9))))
        .toList();
    return new ControlRun("ten_a", id, controlId, "vendors", RunTrigger.SCHEDULE, start, 300L, start,
        start.plusSeconds(1),
        result, 3, Math.max(exceptionCount, failing.size()), exceptions, ex,
        result == RunResult.ERROR ? "facts failed to load" : null, "0".repeat(64), 1L);
  }
}
