package dev.vigil.app.api;

import dev.vigil.evidence.Hit;
import dev.vigil.evidence.SearchResult;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of an evidence search: its items, the count of each facet's values over every
 * match (not just this page), the number of matches, and the cursor of the next page (null on
 * the last).
 */
public record EvidenceSearchBody(List<EvidenceDocBody> items, Map<String, List<SearchResult.FacetCount>> facets,
    long total, String nextCursor) {

  public static EvidenceSearchBody of(SearchResult r, Function<Hit, Map<String, String>> links) {
    return new EvidenceSearchBody(r.items().stream().map(h -> EvidenceDocBody.item(h, links.apply(h))).toList(),
        r.facets(), r.total(), r.nextCursor());
  }
}
