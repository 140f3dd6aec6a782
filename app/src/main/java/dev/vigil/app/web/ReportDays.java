package dev.vigil.app.web;

import dev.vigil.collectors.db.Rejected;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A report's period as the form picks it, in whole UTC days: from the start of the first day to
 * the end of the last, or to now when the last day is today (a report covers only time that is
 * over). The store checks the rest (an empty or reversed period, one too long), as for the API.
 */
record ReportDays(Instant from, Instant to) {

  /** The period of days {@code first} to {@code last} (YYYY-MM-DD) as it stands at {@code now}. */
  static ReportDays of(String first, String last, Instant now) {
    LocalDate start = day(first, "first");
    LocalDate end = day(last, "last");
    if (end.isBefore(start)) throw Rejected.invalid("The period's last day must not be before the first day.");
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    if (end.isAfter(today)) {
      throw Rejected.invalid("The period must be over: its last day can be today (" + today + ") at the latest.");
    }
    Instant to = end.equals(today) ? now : end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return new ReportDays(start.atStartOfDay(ZoneOffset.UTC).toInstant(), to);
  }

  private static LocalDate day(String value, String which) {
    try {
      if (value == null || value.isBlank()) throw new DateTimeParseException("blank", "", 0);
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw Rejected.invalid("The period's " + which + " day must be a date (YYYY-MM-DD).");
    }
  }
}
