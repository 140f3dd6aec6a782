package dev.vigil.app.http;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The {@code cursor} and {@code limit} query parameters of every list (default 100, at most
 * 1000). A cursor the server did not issue or a limit that is not a whole number is
 * malformed; a whole number out of range is invalid. Both name the parameter, where Jersey
 * would answer a silent 404.
 */
public record Paging(String after, int limit) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private static final Pattern CURSOR = Pattern.compile("[a-z]{3}_[0-9a-z]{26}");

  public static Paging of(String cursor, String limit) {
    if (cursor != null && !cursor.isEmpty() && !CURSOR.matcher(cursor).matches()) throw badCursor();
    return new Paging(cursor == null ? "" : cursor, limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  /**
   * A {@code limit} parameter of a list with its own bounds (the evidence search pages by at
   * most 200): {@code fallback} when absent, 400 when not a whole number, 422 outside 1 to {@code max}.
   */
  public static int limit(String limit, int fallback, int max) {
    if (limit == null || limit.isBlank()) return fallback;
    int n;
    try {
      n = Integer.parseInt(limit.strip());
    } catch (NumberFormatException e) {
      throw Rejected.malformed("limit: expected a whole number from 1 to " + max);
    }
    if (n < 1 || n > max) throw Rejected.invalid("limit: must be from 1 to " + max);
    return n;
  }

  /** A cursor that is the last {@code seq} seen (audit entries, events); 0 when absent. */
  public static long afterSeq(String cursor) {
    if (cursor == null || cursor.isBlank()) return 0;
    try {
      long seq = Long.parseLong(cursor.strip());
      if (seq >= 0) return seq;
    } catch (NumberFormatException e) {
      // fall through to the refusal
    }
    throw badCursor();
  }

  /**
   * One page of a list the server holds whole and in a fixed order (the catalog's controls, a
   * tenant's few keys), whose cursor is the id of the last item seen: 400 for a cursor that is
   * no item's id.
   */
  public static <T> Page<T> slice(List<T> all, Function<T, String> id, String cursor, String limit) {
    int n = limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    int from = 0;
    if (cursor != null && !cursor.isBlank()) {
      String after = cursor.strip();
      from = 1 + IntStream.range(0, all.size()).filter(i -> id.apply(all.get(i)).equals(after)).findFirst()
          .orElseThrow(Paging::badCursor);
    }
    return Page.of(all.subList(from, Math.min(all.size(), from + n + 1)), n, id);
  }

  private static Rejected badCursor() {
    return Rejected.malformed("cursor: pass the nextCursor of a previous page");
  }
}
