package dev.vigil.reports.sample;

import java.util.List;

/**
 * An auditor's sample of one control's population for a period: the frequency and population
 * size that set its size ({@link SampleSizeTable}), the seed it was drawn with, and the items,
 * smallest rank first.
 */
public record Sample(String controlId, Frequency frequency, int population, int size, String seed,
    List<SampledItem> items) {

  public Sample {
    items = List.copyOf(items);
  }

  /** Whether the population was no bigger than the table's size, so the sample is all of it. */
  public boolean wholePopulation() {
    return size == population;
  }
}
