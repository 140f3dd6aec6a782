package dev.vigil.app.api;

import dev.vigil.collectors.db.Page;
import java.util.List;
import java.util.function.Function;

/** Every list: {@code {"items": [...], "nextCursor": "..."}}; the cursor is null on the last page. */
public record ListBody<T>(List<T> items, String nextCursor) {

  public static <T> ListBody<T> of(Page<T> page) {
    return new ListBody<>(page.items(), page.nextCursor());
  }

  /** The page's items as {@code map} renders them, with its cursor. */
  public static <T, R> ListBody<R> of(Page<T> page, Function<T, R> map) {
    return new ListBody<>(page.items().stream().map(map).toList(), page.nextCursor());
  }
}
