package dev.vigil.reports.pdf;

import dev.vigil.controls.model.ControlException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** How the report prints times, durations and shares: always UTC, always the same way. */
final class Formats {

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Formats() {}

  /** To the minute, or to the second when it has seconds; "—" for none. */
  static String time(Instant t) {
    if (t == null) return "—";
    return (t.getEpochSecond() % 60 == 0 ? MINUTES : SECONDS).format(t);
  }

  /** As {@link #time} without the zone, for table cells whose header says UTC. */
  static String stamp(Instant t) {
    if (t == null) return "—";
    return (t.getEpochSecond() % 60 == 0 ? STAMP_MINUTES : STAMP_SECONDS).format(t);
  }

  /** When an exception ends, as a table cell whose header says UTC: its expiry, or who revoked it and when. */
  static String end(ControlException e, Map<String, String> people) {
    return e.revokedEarly() ? "revoked " + stamp(e.revokedAt()) + " by " + person(e.revokedBy(), people)
        : "until " + stamp(e.expiresAt());
  }

  /** A user by name with the id that the evidence package's files use, or the id alone for a name not known. */
  static String person(String userId, Map<String, String> people) {
    String name = people.get(userId);
    return name == null ? userId : name + " (" + userId + ")";
  }

  static String day(Instant t) {
    return DAY.format(t);
  }

  /** Up to the three largest units: "2 d 11 h 30 min", "1 h 30 min", "45 s". */
  static String duration(Duration d) {
    long s = d.getSeconds();
    if (s <= 0) return d.isZero() ? "0 s" : "under 1 s";
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "min", "s"};
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < sizes.length && shown < 3; i++) {
      long n = s / sizes[i];
      s %= sizes[i];
      if (n == 0) {
        if (shown > 0) shown++;
        continue;
      }
      if (out.length() > 0) out.append(' ');
      out.append(n).append(' ').append(names[i]);
      shown++;
    }
    return out.toString();
  }

  /**
   * A share as a percentage to one decimal; a share that is not nil but would round to 0.0% or
   * 100.0% prints as "<0.1%" or ">99.9%", so five minutes of error in a month does not read as none.
   */
  static String percent(double share) {
    if (share > 0 && share < 0.0005) return "<0.1%";
    if (share < 1 && share >= 0.9995) return ">99.9%";
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** "1,234" */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
