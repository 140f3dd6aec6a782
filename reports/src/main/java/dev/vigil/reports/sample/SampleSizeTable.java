package dev.vigil.reports.sample;

import java.time.Duration;
import java.util.List;

/**
 * The sample-size table: the one place that says how a control's schedule interval maps to a
 * frequency and how many members an auditor's sample takes for a frequency and a population
 * size. docs/reports.md prints {@link #markdown()}, and a test keeps the two equal.
 *
 * <p>The figures follow the usual attestation practice for tests of operating effectiveness
 * (25 for a control operating daily or more often over a large population, 2 for a quarterly
 * one, 1 for an annual one), at the lower end of the ranges firms publish; smaller populations
 * take smaller samples. A population no bigger than its sample size is sampled whole.
 */
public final class SampleSizeTable {

  /** The largest population of the "small" column; bigger ones up to {@link #MEDIUM_MAX} are "medium". */
  static final int SMALL_MAX = 50;
  static final int MEDIUM_MAX = 250;

  /** A row: the frequency of controls whose interval is at most {@code longestInterval}, and its sizes. */
  record Row(Frequency frequency, Duration longestInterval, int small, int medium, int large) {}

  /** By increasing interval; the last row takes every longer interval. */
  static final List<Row> ROWS = List.of(
      new Row(Frequency.SEVERAL_TIMES_A_DAY, Duration.ofHours(12), 15, 20, 25),
      new Row(Frequency.DAILY, Duration.ofDays(1), 10, 20, 25),
      new Row(Frequency.WEEKLY, Duration.ofDays(7), 5, 10, 15),
      new Row(Frequency.MONTHLY, Duration.ofDays(31), 2, 3, 5),
      new Row(Frequency.QUARTERLY, Duration.ofDays(92), 2, 2, 2),
      new Row(Frequency.ANNUAL, null, 1, 1, 1));

  private SampleSizeTable() {}

  /** The frequency of a control run every {@code interval}. */
  public static Frequency frequency(Duration interval) {
    if (interval == null || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("a schedule interval must be positive, not " + interval);
    }
    return row(interval).frequency();
  }

  /** How many members to sample from {@code population} members of a control of {@code frequency}. */
  public static int size(Frequency frequency, int population) {
    if (population < 0) throw new IllegalArgumentException("a population has no fewer than 0 members: " + population);
    Row row = ROWS.stream().filter(r -> r.frequency() == frequency).findFirst().orElseThrow();
    int size = population <= SMALL_MAX ? row.small() : population <= MEDIUM_MAX ? row.medium() : row.large();
    return Math.min(size, population);
  }

  /** The table as docs/reports.md prints it. */
  public static String markdown() {
    StringBuilder out = new StringBuilder("| frequency | schedule interval | population 1 to " + SMALL_MAX + " | "
        + (SMALL_MAX + 1) + " to " + MEDIUM_MAX + " | over " + MEDIUM_MAX + " |\n|---|---|---|---|---|\n");
    Duration previous = null;
    for (Row r : ROWS) {
      String interval = r.longestInterval() == null ? "longer than " + words(previous)
          : previous == null ? "at most " + words(r.longestInterval())
          : "over " + words(previous) + ", at most " + words(r.longestInterval());
      out.append("| ").append(r.frequency().words()).append(" | ").append(interval).append(" | ").append(r.small())
          .append(" | ").append(r.medium()).append(" | ").append(r.large()).append(" |\n");
      previous = r.longestInterval();
    }
    return out.toString();
  }

  private static Row row(Duration interval) {
    return ROWS.stream().filter(r -> r.longestInterval() == null || interval.compareTo(r.longestInterval()) <= 0)
        .findFirst().orElseThrow();
  }

  private static String words(Duration d) {
    return d.toHours() < 24 ? d.toHours() + " hours" : d.toDays() == 1 ? "1 day" : d.toDays() + " days";
  }
}
