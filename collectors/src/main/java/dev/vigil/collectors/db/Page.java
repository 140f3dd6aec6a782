package dev.vigil.collectors.db;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, and the cursor of the next page ({@code null} on the last one).
 * Lists are ordered by id, and ids are time-ordered, so a cursor is simply the last id.
 */
public record Page<T>(List<T> items, String nextCursor) {

  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page for {@code fetched}, which holds up to {@code limit + 1} rows: the extra row only
   * says that there is a next page.
   */
  public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> id) {
    if (fetched.size() <= limit) return new Page<>(fetched, null);
    List<T> items = fetched.subList(0, limit);
    return new Page<>(items, id.apply(items.get(limit - 1)));
  }
}
