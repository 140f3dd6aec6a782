package dev.vigil.evidence.lucene;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.evidence.EvidenceDoc;
import dev.vigil.evidence.Fields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/**
 * How an {@link EvidenceDoc} is laid out in Lucene: exact-match fields as untokenized terms
 * (the facet fields also as sorted-set doc values), numbers as points, the time also as doc
 * values to sort by, the title and body analysed, and the document as the API shows it in one
 * stored JSON field. Immutable. Public so that a benchmark can index the very same documents
 * with bare Lucene, as the baseline the indexer is measured against.
 */
public final class Schema {

  /** The key a document is replaced by: type and id. */
  static final String UID = "_uid";
  /** The tenant: every search filters on it. */
  public static final String TENANT = "_tenant";
  /** The stored JSON of the document. */
  static final String STORED = "_doc";

  /**
   * Newest first, then by uid so that every position is unique: the order of a search by time,
   * and the order documents are kept in within each segment. Kept in that order, a page by
   * time stops at its last item instead of sorting every match: the chain appends oldest
   * first, the worst order for a newest-first listing.
   */
  static final Sort NEWEST_FIRST = new Sort(new SortField(Fields.TIME, SortField.Type.LONG, true),
      new SortField(UID, SortField.Type.STRING));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FacetsConfig facets = new FacetsConfig();
  private final Analyzer analyzer;

  public Schema() {
    for (String dim : Fields.FACETS) {
      facets.setMultiValued(dim, true);
      // Searches narrow by the field's own term (below); the facet's drill-down terms would
      // index each value twice more for no query.
      facets.setDrillDownTermsIndexing(dim, FacetsConfig.DrillDownTermsIndexing.NONE);
    }
    analyzer = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
        Map.of(Fields.BODY, new StandardAnalyzer(), Fields.TITLE, new StandardAnalyzer()));
  }

  /** Analyses the text fields; every other field is matched whole, case and all. */
  public Analyzer analyzer() {
    return analyzer;
  }

  /**
   * How a writer of this schema indexes: its analyser, a RAM buffer of {@code ramBufferMb}, and
   * segments kept newest first. The index's own writers and the benchmark's bare-Lucene baseline
   * both start here, so that the baseline indexes exactly what the service does.
   */
  public IndexWriterConfig writerConfig(double ramBufferMb) {
    return new IndexWriterConfig(analyzer).setRAMBufferSizeMB(ramBufferMb).setIndexSort(NEWEST_FIRST);
  }

  /** How facets are laid out: what a benchmark's bare-Lucene facet counts read with. */
  public FacetsConfig facets() {
    return facets;
  }

  static Term uid(String uid) {
    return new Term(UID, uid);
  }

  public Document document(String tenantId, EvidenceDoc d) {
    Document doc = new Document();
    doc.add(new StringField(UID, d.uid(), Field.Store.NO));
    doc.add(new SortedDocValuesField(UID, new BytesRef(d.uid())));
    doc.add(new StringField(TENANT, tenantId, Field.Store.NO));
    term(doc, Fields.TYPE, d.type().wire());
    for (Map.Entry<String, List<String>> t : d.terms().entrySet()) {
      for (String v : t.getValue()) term(doc, t.getKey(), v);
    }
    long time = d.time().toEpochMilli();
    doc.add(new LongPoint(Fields.TIME, time));
    doc.add(new NumericDocValuesField(Fields.TIME, time));
    doc.add(new LongPoint(Fields.SEQ, d.seq()));
    d.numbers().forEach((name, v) -> doc.add(new LongPoint(name, v)));
    doc.add(new TextField(Fields.TITLE, d.title(), Field.Store.NO));
    doc.add(new TextField(Fields.BODY, d.body(), Field.Store.YES));
    doc.add(new StoredField(STORED, d.fields().toString()));
    try {
      return facets.build(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void term(Document doc, String name, String value) {
    doc.add(new StringField(name, value, Field.Store.NO));
    if (Fields.FACETS.contains(name)) doc.add(new SortedSetDocValuesFacetField(name, value));
  }

  static ObjectNode stored(Document doc) {
    try {
      return (ObjectNode) JSON.readTree(doc.get(STORED));
    } catch (IOException e) {
      throw new UncheckedIOException("an index document holds JSON that does not parse", e);
    }
  }
}
