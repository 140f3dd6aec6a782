package dev.vigil.evidence.lucene;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.evidence.DocType;
import dev.vigil.evidence.EvidenceDoc;
import dev.vigil.evidence.Fields;
import dev.vigil.evidence.Filters;
import dev.vigil.evidence.Hit;
import dev.vigil.evidence.SearchRequest;
import dev.vigil.evidence.SearchResult;
import java.io.IOException;
import java.text.BreakIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.SplittingBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * One search of one tenant's index: the query with the tenant and filters as clauses no query
 * can widen, sorted with the uid as the last key so every position is unique, the facets
 * counted over all matches, snippets highlighted. Every search has a time limit.
 */
final class Search {

  /** How many values each facet lists. */
  static final int FACET_VALUES = 20;

  private static final Sort BY_RELEVANCE = new Sort(SortField.FIELD_SCORE,
      new SortField(Schema.UID, SortField.Type.STRING));

  private final Schema schema;
  private final long timeoutMillis;

  Search(Schema schema, long timeoutMillis) {
    this.schema = schema;
    this.timeoutMillis = timeoutMillis;
  }

  /** The tenant's documents matching {@code user}, narrowed by {@code filters}. */
  static Query confined(String tenantId, Query user, Filters filters) {
    BooleanQuery.Builder b = new BooleanQuery.Builder()
        .add(user, BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(Schema.TENANT, tenantId)), BooleanClause.Occur.FILTER);
    filters.terms().forEach((field, value) -> b.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER));
    if (filters.from() != null || filters.to() != null) {
      long from = filters.from() == null ? Long.MIN_VALUE : filters.from().toEpochMilli();
      long to = filters.to() == null ? Long.MAX_VALUE : filters.to().toEpochMilli() - 1;
      b.add(LongPoint.newRangeQuery(Fields.TIME, from, to), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  SearchResult run(TenantIndex index, String tenantId, SearchRequest request) throws IOException {
    Query user = EvidenceQueryParser.parse(schema, request.query());
    Query query = confined(tenantId, user, request.filters());
    Sort sort = request.order() == SearchRequest.Order.TIME ? Schema.NEWEST_FIRST : BY_RELEVANCE;
    Object[] cursor = request.cursor() == null ? null : Cursor.decode(request.order(), request.cursor());
    return index.withSearcher((shared, facetState) -> {
      if (facetState == null) return new SearchResult(List.of(), emptyFacets(), 0, null);
      // Lucene breaks ties on the sort values by document number and refuses one beyond the
      // reader. The reader's last puts a document still holding the cursor's uid before the
      // position, so it is not returned again.
      FieldDoc after = cursor == null ? null : new FieldDoc(shared.getIndexReader().maxDoc() - 1, Float.NaN, cursor);
      // A searcher of its own, so that its time limit is this query's alone.
      IndexSearcher searcher = new IndexSearcher(shared.getIndexReader());
      searcher.setTimeout(new QueryTimeoutImpl(timeoutMillis));
      TopDocs top;
      long total;
      Map<String, List<SearchResult.FacetCount>> facets;
      try {
        if (after == null) {
          FacetsCollector fc = new FacetsCollector();
          top = FacetsCollector.search(searcher, query, request.limit(), sort, true, fc);
          total = fc.getMatchingDocs().stream().mapToLong(m -> m.totalHits).sum();
          facets = facets(facetState, fc);
        } else {
          // The first page counted the facets over every match; later pages do not count them
          // again, which lets Lucene skip the documents that cannot make the page.
          top = searcher.searchAfter(after, query, request.limit(), sort, true);
          total = searcher.count(query);
          facets = emptyFacets();
        }
      } catch (IndexSearcher.TooManyClauses e) {
        // The parser counts the clauses of each group; the searcher counts them all, nested too.
        throw Rejected.malformed("q: too costly to run (" + e.getMessage() + ")");
      }
      if (searcher.timedOut()) {
        throw Rejected.malformed("q: the search ran past its " + timeoutMillis + " ms limit; narrow it");
      }
      List<Hit> items = hits(searcher, user, top);
      String next = null;
      if (top.scoreDocs.length == request.limit() && top.scoreDocs.length > 0) {
        next = Cursor.encode(request.order(), (FieldDoc) top.scoreDocs[top.scoreDocs.length - 1]);
      }
      return new SearchResult(items, facets, total, next);
    });
  }

  /** One document by uid, within the tenant. */
  Optional<Hit> find(TenantIndex index, String tenantId, DocType type, String id) throws IOException {
    String uid = EvidenceDoc.uid(type, id);
    Query query = new BooleanQuery.Builder()
        .add(new TermQuery(Schema.uid(uid)), BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term(Schema.TENANT, tenantId)), BooleanClause.Occur.FILTER).build();
    return index.withSearcher((searcher, facets) -> {
      TopDocs top = searcher.search(query, 1);
      if (top.scoreDocs.length == 0) return Optional.empty();
      Document doc = searcher.storedFields().document(top.scoreDocs[0].doc);
      ObjectNode fields = Schema.stored(doc);
      return Optional.of(hit(fields, fields.path("title").asText(), fields));
    });
  }

  private List<Hit> hits(IndexSearcher searcher, Query user, TopDocs top) throws IOException {
    String[] snippets = top.scoreDocs.length == 0 ? new String[0]
        : UnifiedHighlighter.builder(searcher, schema.analyzer())
            .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
            // The body is one value per line: a passage never runs across lines.
            .withBreakIterator(() -> new SplittingBreakIterator(BreakIterator.getSentenceInstance(Locale.ROOT), '\n'))
            .build().highlight(Fields.BODY, user, top, 1);
    List<Hit> out = new ArrayList<>(top.scoreDocs.length);
    for (int i = 0; i < top.scoreDocs.length; i++) {
      ScoreDoc sd = top.scoreDocs[i];
      ObjectNode fields = Schema.stored(searcher.storedFields().document(sd.doc));
      // A passage with nothing marked says no more than the title does.
      String snippet = snippets[i] != null && snippets[i].contains("<mark>") ? snippets[i]
          : escape(fields.path("title").asText());
      out.add(hit(fields, snippet, null));
    }
    return out;
  }

  private static Hit hit(ObjectNode f, String snippet, ObjectNode all) {
    Map<String, String> refs = new LinkedHashMap<>();
    for (String r : Fields.REFS) {
      if (f.hasNonNull(r) && f.get(r).isTextual()) refs.put(r, f.get(r).asText());
    }
    return new Hit(DocType.fromWire(f.path("type").asText()).orElseThrow(), f.path("id").asText(),
        f.path("title").asText(), Instant.parse(f.path("time").asText()), snippet, f.path("seq").asLong(),
        f.path("hash").asText(), refs, all);
  }

  private static Map<String, List<SearchResult.FacetCount>> facets(SortedSetDocValuesReaderState state,
      FacetsCollector fc) throws IOException {
    Facets counts = new SortedSetDocValuesFacetCounts(state, fc);
    Map<String, List<SearchResult.FacetCount>> out = new LinkedHashMap<>();
    for (String dim : Fields.FACETS) {
      List<SearchResult.FacetCount> values = new ArrayList<>();
      FacetResult r;
      try {
        r = counts.getTopChildren(FACET_VALUES, dim);
      } catch (IllegalArgumentException notIndexedYet) {
        r = null;
      }
      if (r != null) {
        for (LabelAndValue lv : r.labelValues) values.add(new SearchResult.FacetCount(lv.label, lv.value.longValue()));
      }
      out.put(dim, values);
    }
    return out;
  }

  private static Map<String, List<SearchResult.FacetCount>> emptyFacets() {
    Map<String, List<SearchResult.FacetCount>> out = new LinkedHashMap<>();
    Fields.FACETS.forEach(dim -> out.put(dim, List.of()));
    return out;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
