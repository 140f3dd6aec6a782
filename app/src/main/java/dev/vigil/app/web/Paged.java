package dev.vigil.app.web;

import dev.vigil.collectors.db.Page;
import java.util.List;

/**
 * One page of a list a page shows, for its pager: the items, the cursor of the next page (null
 * on the last) and whether this is a later page (then the pager links back to the first).
 */
public record Paged<T>(List<T> items, String next, boolean later) {

  static <T> Paged<T> of(Page<T> page, String cursor) {
    return new Paged<>(page.items(), page.nextCursor(), !Params.blank(cursor));
  }
}
