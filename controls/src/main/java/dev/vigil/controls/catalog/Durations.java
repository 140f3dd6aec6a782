package dev.vigil.controls.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Durations and thresholds as the details of deviations state them. Stateless. */
final class Durations {

  private Durations() {}

  /**
   * {@code d} in words an auditor reads: "31 days", "1 day 2h", "5h 30m", "45s", "30 days 1ms".
   * Every non-zero unit is shown, so a figure just past a limit never reads as the limit.
   */
  static String format(Duration d) {
    if (d.isNegative()) return "-" + format(d.negated());
    if (d.isZero()) return "0s";
    StringBuilder out = new StringBuilder();
    long days = d.toDays();
    if (days > 0) out.append(days).append(days == 1 ? " day" : " days");
    append(out, d.toHoursPart(), "h");
    append(out, d.toMinutesPart(), "m");
    append(out, d.toSecondsPart(), "s");
    append(out, d.toMillisPart(), "ms");
    if (out.length() == 0) out.append(d.toNanos()).append("ns");
    return out.toString();
  }

  /** The time from {@code from} to {@code to}, formatted. */
  static String between(Instant from, Instant to) {
    return format(Duration.between(from, to));
  }

  /** {@code n} days as a limit: "30 days", "1 day". */
  static String days(long n) {
    return n == 1 ? "1 day" : n + " days";
  }

  /** {@code n} calendar months before {@code now}, in UTC. */
  static Instant monthsBefore(Instant now, int n) {
    return ZonedDateTime.ofInstant(now, ZoneOffset.UTC).minusMonths(n).toInstant();
  }

  private static void append(StringBuilder out, long value, String unit) {
    if (value == 0) return;
    if (out.length() > 0) out.append(' ');
    out.append(value).append(unit);
  }
}
