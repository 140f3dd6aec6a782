package dev.vigil.bench;

import dev.vigil.evidence.EvidenceDoc;
import dev.vigil.evidence.Fields;
import dev.vigil.evidence.lucene.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/**
 * One index for all tenants, with a tenant filter, against one index per tenant: the same
 * documents copied into {@code tenants} tenants, the same query (a term, the tenant and an
 * agent as filters, every facet counted), in both layouts. Bare Lucene on both sides, so the
 * difference is the layout's alone. Not thread-safe.
 */
final class LayoutBench {

  /** Query latencies of each layout, in ms, and the index's size on disk. */
  record Result(int tenants, int docsPerTenant, double sharedP50, double sharedP99, double ownP50, double ownP99,
      long sharedBytes, long ownBytes) {}

  private final Schema schema = new Schema();
  Result run(Path dir, List<EvidenceDoc> docs, int tenants, int rounds) throws IOException {
    Path shared = dir.resolve("shared");
    try (FSDirectory d = FSDirectory.open(shared); IndexWriter w = writer(d)) {
      for (int t = 0; t < tenants; t++) for (EvidenceDoc doc : docs) w.addDocument(schema.document(tenant(t), doc));
      w.forceMerge(1);
    }
    for (int t = 0; t < tenants; t++) {
      try (FSDirectory d = FSDirectory.open(dir.resolve("own-" + t)); IndexWriter w = writer(d)) {
        for (EvidenceDoc doc : docs) w.addDocument(schema.document(tenant(t), doc));
        w.forceMerge(1);
      }
    }
    List<String> agents = docs.stream().flatMap(x -> x.terms().getOrDefault(Fields.AGENT_ID, List.of()).stream())
        .distinct().toList();
    double[] sharedMs = new double[rounds];
    double[] ownMs = new double[rounds];
    try (DirectoryReader sharedReader = DirectoryReader.open(FSDirectory.open(shared))) {
      List<DirectoryReader> own = new ArrayList<>();
      for (int t = 0; t < tenants; t++) own.add(DirectoryReader.open(FSDirectory.open(dir.resolve("own-" + t))));
      SortedSetDocValuesReaderState sharedState = new DefaultSortedSetDocValuesReaderState(sharedReader, schema.facets());
      List<SortedSetDocValuesReaderState> ownStates = new ArrayList<>();
      for (DirectoryReader r : own) ownStates.add(new DefaultSortedSetDocValuesReaderState(r, schema.facets()));
      Random random = new Random(5);
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < rounds; i++) {
          int t = random.nextInt(tenants);
          Query q = query(tenant(t), agents.get(random.nextInt(agents.size())));
          sharedMs[i] = time(new IndexSearcher(sharedReader), sharedState, q);
          ownMs[i] = time(new IndexSearcher(own.get(t)), ownStates.get(t), q);
        }
      }
      for (DirectoryReader r : own) r.close();
    }
    long ownBytes = 0;
    for (int t = 0; t < tenants; t++) ownBytes += size(dir.resolve("own-" + t));
    Arrays.sort(sharedMs);
    Arrays.sort(ownMs);
    int p99 = Math.min(rounds - 1, (int) Math.ceil(rounds * 0.99) - 1);
    return new Result(tenants, docs.size(), sharedMs[rounds / 2], sharedMs[p99], ownMs[rounds / 2], ownMs[p99],
        size(shared), ownBytes);
  }

  private static String tenant(int t) {
    return "ten_layout" + t;
  }

  private IndexWriter writer(FSDirectory d) throws IOException {
    return new IndexWriter(d, schema.writerConfig(64));
  }

  /** The search's shape: a term query, with the tenant (as the index adds it) and an agent as filters. */
  private static Query query(String tenantId, String agentId) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(Fields.ACTION, "crm:read")), BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(Schema.TENANT, tenantId)), BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term(Fields.AGENT_ID, agentId)), BooleanClause.Occur.FILTER).build();
  }

  private static double time(IndexSearcher searcher, SortedSetDocValuesReaderState state, Query q)
      throws IOException {
    long t0 = System.nanoTime();
    FacetsCollector fc = new FacetsCollector();
    FacetsCollector.search(searcher, q, 20, fc);
    SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, fc);
    for (String dim : Fields.FACETS) {
      try {
        counts.getTopChildren(20, dim);
      } catch (IllegalArgumentException notIndexed) {
        // a dimension these documents do not have
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private static long size(Path p) throws IOException {
    try (var all = Files.walk(p)) {
      return all.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
