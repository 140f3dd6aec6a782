package dev.vigil.evidence;

import java.util.Objects;

/**
 * One search: a query in Lucene's classic syntax (blank matches everything), filters, an order,
 * the cursor of the page before (null for the first page) and how many items to return.
 */
public record SearchRequest(String query, Filters filters, Order order, String cursor, int limit) {

  /** The most items one page returns. */
  public static final int MAX_LIMIT = 200;

  /** Newest first, or best match first. */
  public enum Order {
    TIME, RELEVANCE
  }

  public SearchRequest {
    Objects.requireNonNull(filters, "filters");
    Objects.requireNonNull(order, "order");
    if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
  }
}
