package dev.vigil.collectors.monitoring;

import dev.vigil.controls.catalog.FindingSeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long after it opens a finding of each severity is due: the finding's {@code dueAt},
 * unless a person sets another. Configured as {@code controls.findingDueDays}.
 */
public record FindingSla(Map<FindingSeverity, Duration> due) {

  /** Critical 7 days, high 30, medium 90, low 180. */
  public static final FindingSla DEFAULT = new FindingSla(Map.of(FindingSeverity.CRITICAL, Duration.ofDays(7),
      FindingSeverity.HIGH, Duration.ofDays(30), FindingSeverity.MEDIUM, Duration.ofDays(90),
      FindingSeverity.LOW, Duration.ofDays(180)));

  public FindingSla {
    EnumMap<FindingSeverity, Duration> all = new EnumMap<>(FindingSeverity.class);
    all.putAll(due);
    for (FindingSeverity s : FindingSeverity.values()) {
      Duration d = all.get(s);
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("findings of severity " + s.wire() + " need a due time above zero");
      }
    }
    due = Map.copyOf(all);
  }

  /** When a finding of {@code severity} opened at {@code openedAt} is due. */
  public Instant dueAt(FindingSeverity severity, Instant openedAt) {
    return openedAt.plus(due.get(severity));
  }
}
