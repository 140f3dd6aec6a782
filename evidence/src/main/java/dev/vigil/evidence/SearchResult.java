package dev.vigil.evidence;

import java.util.List;
import java.util.Map;

/**
 * One page of a search: the items, the count of each facet's values over all matches, the
 * number of matches, and the cursor of the next page (null on the last).
 */
public record SearchResult(List<Hit> items, Map<String, List<FacetCount>> facets, long total, String nextCursor) {

  /** How many matches have {@code value} in a facet. */
  public record FacetCount(String value, long count) {}
}
