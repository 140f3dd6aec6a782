package dev.vigil.reports.sample;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Draws a control's sample: its size from the table, its members by {@link SampleDraw}. Pure. */
public final class Sampler {

  private Sampler() {}

  /**
   * The sample of {@code population} (member ids; each distinct id counts once) for a control
   * run every {@code interval}, drawn with {@code seed}; its items carry no evidence yet
   * ({@link SampleEvidence} adds the runs', the caller the chain's).
   */
  public static Sample draw(String seed, String controlId, Duration interval, Collection<String> population) {
    Frequency frequency = SampleSizeTable.frequency(interval);
    int members = new LinkedHashSet<>(population).size();
    int size = SampleSizeTable.size(frequency, members);
    List<SampledItem> items = SampleDraw.draw(seed, controlId, population, size).stream()
        .map(r -> new SampledItem(r.memberId(), r.rank(), List.of(), List.of())).toList();
    return new Sample(controlId, frequency, members, size, seed, items);
  }
}
