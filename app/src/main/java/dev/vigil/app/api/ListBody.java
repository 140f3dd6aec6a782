package dev.vigil.app.api;

import dev.vigil.collectors.db.Page;
import java.util.List;

/** Every list: {@code {"items": [...], "nextCursor": "..."}}; the cursor is null on the last page. */
public record ListBody<T>(List<T> items, String nextCursor) {

  public static <T> ListBody<T> of(Page<T> page) {
    return new ListBody<>(page.items(), page.nextCursor());
  }
}
