package dev.vigil.app.http;

import dev.vigil.collectors.db.Rejected;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Times in the API: ISO 8601 instants such as 2026-11-24T14:00:00Z, from the start of 1970 to
 * the end of 9999, in query parameters and bodies alike. One that does not parse, or lies
 * outside that range (which both databases store alike), is malformed; a window whose end is
 * not after its start is invalid.
 */
public final class Times {

  /** The first and last instants the API accepts. */
  public static final Instant EARLIEST = Instant.EPOCH;
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  /** What a caller is told when a time lies outside them. */
  static final String OUT_OF_RANGE = "must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

  private Times() {}

  /** Whether {@code t} is one the API accepts. */
  static boolean supported(Instant t) {
    return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
  }

  /** A {@code [from, to)} window; a null end is open. */
  public record Window(Instant from, Instant to) {

    /** This window with its open ends closed at the first and last supported instants. */
    public Window closed() {
      return new Window(from == null ? EARLIEST : from, to == null ? LATEST : to);
    }
  }

  public static Instant param(String name, String value) {
    if (value == null || value.isBlank()) return null;
    Instant t;
    try {
      t = Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw Rejected.malformed(name + ": expected an ISO 8601 time such as 2026-11-24T14:00:00Z");
    }
    if (!supported(t)) throw Rejected.malformed(name + ": " + OUT_OF_RANGE);
    return t;
  }

  public static Window window(String from, String to) {
    Window w = new Window(param("from", from), param("to", to));
    if (w.from() != null && w.to() != null && !w.to().isAfter(w.from())) {
      throw Rejected.invalid("to: must be after from");
    }
    return w;
  }
}
