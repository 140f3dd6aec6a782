package dev.vigil.reports.load;

import dev.vigil.collectors.db.Page;
import java.util.function.Consumer;
import java.util.function.Function;

/** Walks a store's cursor pages to the end, handing each item on, so no caller holds more than a page. */
final class Pages {

  /** Rows per page: big enough that round trips do not dominate, small enough to hold. */
  static final int SIZE = 500;

  private Pages() {}

  /**
   * Calls {@code each} with every item of every page {@code fetch} returns. The first cursor is
   * the empty string, which every store reads as "from the start" (some compare ids to it).
   */
  static <T> void forEach(Function<String, Page<T>> fetch, Consumer<T> each) {
    String cursor = "";
    do {
      Page<T> page = fetch.apply(cursor);
      page.items().forEach(each);
      cursor = page.nextCursor();
    } while (cursor != null);
  }
}
