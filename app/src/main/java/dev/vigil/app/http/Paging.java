package dev.vigil.app.http;

import jakarta.ws.rs.WebApplicationException;

/**
 * The {@code cursor} and {@code limit} query parameters of every list (default 100, at most
 * 1000). A bad limit is a 400 naming the parameter, not Jersey's silent 404.
 */
public record Paging(String after, int limit) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private static final java.util.regex.Pattern CURSOR =
      java.util.regex.Pattern.compile("[a-z]{3}_[0-9a-z]{26}");

  public static Paging of(String cursor, String limit) {
    if (cursor != null && !cursor.isEmpty() && !CURSOR.matcher(cursor).matches()) {
      throw new WebApplicationException("cursor: pass the nextCursor of a previous page", 400);
    }
    int n = DEFAULT_LIMIT;
    if (limit != null && !limit.isBlank()) {
      try {
        n = Integer.parseInt(limit.strip());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_LIMIT) {
        throw new WebApplicationException("limit: must be a whole number from 1 to " + MAX_LIMIT, 400);
      }
    }
    return new Paging(cursor == null ? "" : cursor, n);
  }

  /** A cursor that is the last {@code seq} seen (audit entries, events); 0 when absent. */
  public static long afterSeq(String cursor) {
    if (cursor == null || cursor.isBlank()) return 0;
    try {
      long seq = Long.parseLong(cursor.strip());
      if (seq >= 0) return seq;
    } catch (NumberFormatException e) {
      // fall through to the 400
    }
    throw new WebApplicationException("cursor: pass the nextCursor of a previous page", 400);
  }
}
