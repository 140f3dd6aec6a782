package dev.vigil.reports.sample;

import java.time.Instant;
import java.util.Objects;

/**
 * Consecutive runs of the period (in effect order) that examined a sampled member and found the
 * same: the first and the last of them, how many they were, and the first one's words for a
 * failed or excused member ({@code detail}, null when passed). A member examined every five
 * minutes for a year that failed for one hour is three stretches, not a hundred thousand rows;
 * the package's {@code runs.jsonl} has every run, with what it found.
 */
public record Stretch(String firstRunId, Instant firstStartedAt, String lastRunId, Instant lastStartedAt, long runs,
    ItemResult result, String detail) {

  public Stretch {
    Objects.requireNonNull(firstRunId, "firstRunId");
    Objects.requireNonNull(lastRunId, "lastRunId");
    Objects.requireNonNull(result, "result");
    if (runs < 1) throw new IllegalArgumentException("a stretch holds at least one run, not " + runs);
  }

  /** A stretch of one run. */
  public static Stretch of(String runId, Instant startedAt, ItemResult result, String detail) {
    return new Stretch(runId, startedAt, runId, startedAt, 1, result, detail);
  }

  /** This stretch with one more run that found the same. */
  public Stretch then(String runId, Instant startedAt) {
    return new Stretch(firstRunId, firstStartedAt, runId, startedAt, runs + 1, result, detail);
  }
}
