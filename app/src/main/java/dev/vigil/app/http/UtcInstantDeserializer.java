package dev.vigil.app.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import dev.vigil.collectors.db.Rejected;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Every time in every body. Reads {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, the form agents
 * report times in, directly; other text (offsets, leap seconds, errors) goes to Jackson's own
 * {@link InstantDeserializer}. Numbers are refused, and times outside {@link Times}' range. A thousand-event request
 * carries a thousand such times, and the general formatter cost more than all other parsing
 * of an event. Stateless.
 */
public final class UtcInstantDeserializer extends StdDeserializer<Instant> {

  public UtcInstantDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    // Only text: a number could be seconds or milliseconds since the epoch, and nothing says which.
    if (p.currentToken() != JsonToken.VALUE_STRING) return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    Instant t = parse(p.getText());
    if (t == null) t = InstantDeserializer.INSTANT.deserialize(p, ctxt);
    if (!Times.supported(t)) throw new RefusedValue(p, Rejected.Reason.MALFORMED, Times.OUT_OF_RANGE);
    return t;
  }

  /** The instant {@code s} names if it has exactly the common UTC form, else null. */
  static Instant parse(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) return null;
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21; // between '.' and 'Z'
      if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) return null;
      nanos = digits(s, 20, fraction);
      if (nanos < 0) return null;
      for (int i = fraction; i < 9; i++) nanos *= 10;
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    } catch (DateTimeException invalidDate) {
      return null;
    }
  }

  /** The decimal value of {@code length} digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String s, int from, int length) {
    int v = 0;
    for (int i = from; i < from + length; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
