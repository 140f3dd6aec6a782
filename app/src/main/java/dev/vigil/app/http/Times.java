package dev.vigil.app.http;

import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Time query parameters: ISO 8601 instants such as 2026-11-24T14:00:00Z; a bad one is a 400. */
public final class Times {

  private Times() {}

  public static Instant param(String name, String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new WebApplicationException(name + ": expected an ISO 8601 time such as 2026-11-24T14:00:00Z", 400);
    }
  }

  /** A {@code [from, to)} window; 400 when {@code to} is not after {@code from}. */
  public static Instant[] window(String from, String to) {
    Instant f = param("from", from);
    Instant t = param("to", to);
    if (f != null && t != null && !t.isAfter(f)) throw new WebApplicationException("to: must be after from", 400);
    return new Instant[] {f, t};
  }
}
