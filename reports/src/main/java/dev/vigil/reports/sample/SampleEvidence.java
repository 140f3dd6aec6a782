package dev.vigil.reports.sample;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.RunResult;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Excused;
import dev.vigil.reports.period.ControlHistory;
import dev.vigil.reports.period.Period;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds to each sampled item the runs in the period that examined it. A run examined the members
 * its evidence lists ({@code membersByRun}, run id to member ids); a run whose members are not
 * listed (its population was too big to list, see the evidence record's {@code membersListed})
 * or that ended in error (it evaluated nobody) examined no one we can name. A member is failed
 * in a run if among its exceptions, excused if among its excused, else passed; but when a run
 * named only some of its failing or excused members (a run's evidence names at most
 * {@link RunRecorder#LISTED} of each) and this one is not among them, the result is unknown.
 */
public final class SampleEvidence {

  private SampleEvidence() {}

  /**
   * {@code sample} with each item's examinations. Runs of another control are refused; runs
   * that did not start in the period are ignored, as the period model ignores them in its counts.
   */
  public static Sample attach(Sample sample, Period period, List<ControlRun> runs,
      Map<String, ? extends Set<String>> membersByRun) {
    for (ControlRun r : runs) {
      if (!r.controlId().equals(sample.controlId())) {
        throw new IllegalArgumentException("run " + r.id() + " is of control " + r.controlId() + ", not "
            + sample.controlId());
      }
    }
    List<ControlRun> examining = runs.stream()
        .filter(r -> period.contains(r.startedAt()) && r.result() != RunResult.ERROR && membersByRun.containsKey(r.id()))
        .sorted(ControlHistory.EFFECT_ORDER).toList();
    List<SampledItem> items = sample.items().stream().map(i -> new SampledItem(i.memberId(), i.rank(),
        examining.stream().filter(r -> membersByRun.get(r.id()).contains(i.memberId()))
            .map(r -> examination(r, i.memberId())).toList(), i.chainEntries())).toList();
    return new Sample(sample.controlId(), sample.frequency(), sample.population(), sample.size(), sample.seed(), items);
  }

  private static Examination examination(ControlRun run, String memberId) {
    Optional<Deviation> failed = run.exceptions().stream().filter(d -> d.subjectId().equals(memberId)).findFirst();
    if (failed.isPresent()) return examination(run, ItemResult.FAILED, failed.get().detail());
    Optional<Excused> excused = run.excused().stream().filter(e -> e.subjectId().equals(memberId)).findFirst();
    if (excused.isPresent()) return examination(run, ItemResult.EXCUSED, excused.get().detail());
    boolean partial = run.exceptionCount() > run.exceptions().size() || run.excused().size() >= RunRecorder.LISTED;
    return examination(run, partial ? ItemResult.UNKNOWN : ItemResult.PASSED, null);
  }

  private static Examination examination(ControlRun run, ItemResult result, String detail) {
    return new Examination(run.id(), run.trigger(), run.startedAt(), result, detail);
  }
}
