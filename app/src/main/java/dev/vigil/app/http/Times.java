package dev.vigil.app.http;

import dev.vigil.collectors.db.Rejected;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Time query parameters: ISO 8601 instants such as 2026-11-24T14:00:00Z. One that does not
 * parse is malformed; a window whose end is not after its start is invalid.
 */
public final class Times {

  private Times() {}

  /** A {@code [from, to)} window; a null end is open. */
  public record Window(Instant from, Instant to) {

    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

    /** This window with its open ends closed at the epoch and at the end of year 9999. */
    public Window closed() {
      return new Window(from == null ? Instant.EPOCH : from, to == null ? FAR_FUTURE : to);
    }
  }

  public static Instant param(String name, String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw Rejected.malformed(name + ": expected an ISO 8601 time such as 2026-11-24T14:00:00Z");
    }
  }

  public static Window window(String from, String to) {
    Window w = new Window(param("from", from), param("to", to));
    if (w.from() != null && w.to() != null && !w.to().isAfter(w.from())) {
      throw Rejected.invalid("to: must be after from");
    }
    return w;
  }
}
