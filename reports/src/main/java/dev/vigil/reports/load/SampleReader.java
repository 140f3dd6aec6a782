package dev.vigil.reports.load;

import dev.vigil.reports.period.ControlHistory;
import dev.vigil.reports.period.Period;
import dev.vigil.reports.sample.Sample;
import dev.vigil.reports.sample.SampleEvidence;
import dev.vigil.reports.sample.Sampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A control's sample for a period. The population is the distinct members the period's runs
 * examined, as their evidence records list them; a control none of whose runs listed members
 * (its population was too big to list, it counts things that are not objects, or it did not
 * run) has no sample. The lists come from {@link RunLists}, filled while the control's history
 * is read; once the sample is drawn, the runs that examined a sampled member are found in them,
 * or, when they held too many ids to keep, by reading the runs a second time. Memory holds the population, the sample and a bounded number of lists, never every
 * run's list. The chain entries about each sampled member are added by the reader, from the
 * chain's pass ({@link ChainReader#verify}).
 */
final class SampleReader {

  private final StoredRuns runs;

  SampleReader(StoredRuns runs) {
    this.runs = runs;
  }

  /**
   * The sample of {@code history}'s control for a control run every {@code interval}, drawn with
   * {@code seed} from the member lists of its runs in the period as {@link ControlReader} read
   * them, without its chain entries yet.
   */
  Optional<Sample> read(ControlHistory history, RunLists lists, Duration interval, Period period, String seed) {
    String tenantId = history.tenantId();
    String controlId = history.control().id();
    if (!lists.listed()) return Optional.empty();
    Sample drawn = Sampler.draw(seed, controlId, interval, lists.population());
    Set<String> sampled = new HashSet<>();
    drawn.items().forEach(i -> sampled.add(i.memberId()));
    Function<List<String>, Set<String>> hits = members -> {
      Set<String> hit = new HashSet<>();
      for (String m : members) {
        if (sampled.contains(m)) hit.add(m);
      }
      return hit;
    };
    Map<String, Set<String>> examinedByRun = new HashMap<>();
    if (lists.byRun() != null) {
      // Runs that listed the same members share one list (RunLists), and so one set of hits: a
      // year's hundred thousand runs of a control hold a few sets, not one each.
      Map<List<String>, Set<String>> shared = new IdentityHashMap<>();
      lists.byRun().forEach((runId, members) -> {
        Set<String> hit = shared.computeIfAbsent(members, hits);
        if (!hit.isEmpty()) examinedByRun.put(runId, hit);
      });
    } else {
      forEachRun(tenantId, controlId, period, (runId, members) -> {
        Set<String> hit = hits.apply(members);
        if (!hit.isEmpty()) examinedByRun.put(runId, hit);
      });
    }
    return Optional.of(SampleEvidence.attach(drawn, period, history.runs(), examinedByRun));
  }

  /** The runs' member lists read again, when {@link RunLists} could not keep them. */
  private void forEachRun(String tenantId, String controlId, Period period, BiConsumer<String, List<String>> each) {
    try {
      runs.forEachStored(tenantId, controlId, period, r -> each.accept(r.run().id(), r.members()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
