package dev.vigil.reports.sample;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.RunResult;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Excused;
import dev.vigil.reports.period.ControlHistory;
import dev.vigil.reports.period.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
   * {@code sample} with each item's examinations, as stretches of consecutive runs that found
   * the same. Runs of another control are refused; runs that did not start in the period are
   * ignored, as the period model ignores them in its counts. {@code membersByRun} may name only
   * the sampled members each run examined; runs listing the same members may share one set.
   */
  public static Sample attach(Sample sample, Period period, List<ControlRun> runs,
      Map<String, ? extends Set<String>> membersByRun) {
    for (ControlRun r : runs) {
      if (!r.controlId().equals(sample.controlId())) {
        throw new IllegalArgumentException("run " + r.id() + " is of control " + r.controlId() + ", not "
            + sample.controlId());
      }
    }
    Map<String, List<Stretch>> stretches = new HashMap<>();
    sample.items().forEach(i -> stretches.put(i.memberId(), new ArrayList<>()));
    // One pass over the runs in effect order, each folded into the stretches of the sampled
    // members it examined: work and memory follow the stretches, not runs times members.
    runs.stream().filter(r -> period.contains(r.startedAt()) && r.result() != RunResult.ERROR)
        .sorted(ControlHistory.EFFECT_ORDER).forEach(r -> {
          Set<String> examined = membersByRun.get(r.id());
          if (examined == null) return;
          for (String m : examined) {
            List<Stretch> list = stretches.get(m);
            if (list != null) extend(list, r, m);
          }
        });
    List<SampledItem> items = sample.items().stream()
        .map(i -> new SampledItem(i.memberId(), i.rank(), stretches.get(i.memberId()), i.chainEntries())).toList();
    return new Sample(sample.controlId(), sample.frequency(), sample.population(), sample.size(), sample.seed(), items);
  }

  private static void extend(List<Stretch> list, ControlRun run, String memberId) {
    Stretch found = examination(run, memberId);
    int last = list.size() - 1;
    if (last >= 0 && list.get(last).result() == found.result()) {
      list.set(last, list.get(last).then(run.id(), run.startedAt()));
    } else {
      list.add(found);
    }
  }

  private static Stretch examination(ControlRun run, String memberId) {
    Optional<Deviation> failed = run.exceptions().stream().filter(d -> d.subjectId().equals(memberId)).findFirst();
    if (failed.isPresent()) return examination(run, ItemResult.FAILED, failed.get().detail());
    Optional<Excused> excused = run.excused().stream().filter(e -> e.subjectId().equals(memberId)).findFirst();
    if (excused.isPresent()) return examination(run, ItemResult.EXCUSED, excused.get().detail());
    boolean partial = run.exceptionCount() > run.exceptions().size() || run.excused().size() >= RunRecorder.LISTED;
    return examination(run, partial ? ItemResult.UNKNOWN : ItemResult.PASSED, null);
  }

  private static Stretch examination(ControlRun run, ItemResult result, String detail) {
    return Stretch.of(run.id(), run.startedAt(), result, detail);
  }
}
