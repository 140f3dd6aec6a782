package dev.vigil.app.web;

import dev.vigil.app.http.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Times typed into a page's form, all in UTC: what a {@code datetime-local} field sends
 * ({@code 2026-11-24T14:00}, seconds optional), an ISO 8601 instant as the API takes, or a day
 * (its start). The API's range applies (1970 to 9999).
 */
final class FormTimes {

  private FormTimes() {}

  /**
   * The time in {@code value}; null when it is blank.
   *
   * @throws IllegalArgumentException naming the field by {@code label} when it is no time, or out of range
   */
  static Instant parse(String label, String value) {
    if (Params.blank(value)) return null;
    String v = value.strip();
    Instant t;
    try {
      t = Instant.parse(v);
    } catch (DateTimeParseException notInstant) {
      try {
        t = LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notLocal) {
        try {
          t = LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDay) {
          throw new IllegalArgumentException(label + " must be a date and time in UTC, such as 2026-11-24T14:00.");
        }
      }
    }
    if (t.isBefore(Times.EARLIEST) || t.isAfter(Times.LATEST)) {
      throw new IllegalArgumentException(label + " must lie between 1970 and 9999.");
    }
    return t;
  }

  /** {@code from} and {@code to} read as a window; refused when both are given and {@code to} is not after {@code from}. */
  static Times.Window window(String fromLabel, String from, String toLabel, String to) {
    Times.Window w = new Times.Window(parse(fromLabel, from), parse(toLabel, to));
    if (w.from() != null && w.to() != null && !w.to().isAfter(w.from())) {
      throw new IllegalArgumentException(toLabel + " must be after " + fromLabel.toLowerCase(java.util.Locale.ROOT)
          + ".");
    }
    return w;
  }
}
