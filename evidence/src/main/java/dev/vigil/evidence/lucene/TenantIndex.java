package dev.vigil.evidence.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * One tenant's Lucene index in one directory: a writer, near-real-time searchers, and how far
 * along the tenant's chain it has indexed. Each commit's user data records the last seq whose
 * documents it holds, exactly: adding and committing exclude each other, so a commit never
 * holds part of a batch. A restart opens the last commit, whatever was added after it is gone,
 * and indexing resumes after its seq: no document is lost or indexed twice. Documents that
 * never change (entries, runs, evidence items) are simply added; those of things that change
 * replace their previous version by uid. One thread adds at a time; searches, refreshes and
 * commits may come from any thread.
 *
 * <p>Readers are refreshed on demand, by the search that needs one: a search sees every document
 * added at least {@code maxStale} before it began, and an index nobody searches is never
 * refreshed. A timer refreshing every index ten times a second flushed a tiny sorted segment
 * each time for the merger to merge again, whether anyone searched or not (docs/benchmarks.md).
 */
final class TenantIndex implements Closeable {

  /** The commit user data key holding the last indexed seq. */
  static final String SEQ = "vigil.seq";

  private final Schema schema;
  private final Path path;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final AtomicBoolean changed = new AtomicBoolean();
  private final long maxStaleNanos;
  /** Held while refreshing, so that searches needing a fresher reader wait for one refresh. */
  private final Object refreshing = new Object();
  /** When the last completed refresh began: its reader holds everything added before then. */
  private volatile long freshAsOf;
  /** Held by adds and commits, so that a commit's seq says exactly what it holds. */
  private final Object writes = new Object();
  private volatile long indexedSeq;
  private volatile long committedSeq;
  private FacetState facetState;

  private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {}

  private TenantIndex(Schema schema, Path path, Directory directory, IndexWriter writer, Duration maxStale)
      throws IOException {
    this.schema = schema;
    this.maxStaleNanos = maxStale.toNanos();
    this.freshAsOf = System.nanoTime();
    this.path = path;
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
    long seq = 0;
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) if (e.getKey().equals(SEQ)) seq = Long.parseLong(e.getValue());
    }
    this.indexedSeq = seq;
    this.committedSeq = seq;
  }

  /**
   * Opens (or creates) the index in {@code path}; fails when another process holds it. A search
   * sees what was added {@code maxStale} before it began.
   */
  static TenantIndex open(Schema schema, Path path, double ramBufferMb, Duration maxStale) throws IOException {
    Directory directory = FSDirectory.open(path);
    try {
      IndexWriterConfig config = schema.writerConfig(ramBufferMb)
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setCommitOnClose(false);
      return new TenantIndex(schema, path, directory, new IndexWriter(directory, config), maxStale);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  Path path() {
    return path;
  }

  /** The last seq whose documents are all in the index (searchable after the next refresh). */
  long indexedSeq() {
    return indexedSeq;
  }

  /** The last seq whose documents a commit made durable. */
  long committedSeq() {
    return committedSeq;
  }

  /** Adds or replaces {@code docs}, the documents of the entries after {@link #indexedSeq} up to {@code throughSeq}. */
  void add(LuceneDocs docs, long throughSeq) {
    synchronized (writes) {
      try {
        for (LuceneDocs.Item d : docs.items()) {
          if (d.replaces() != null) {
            writer.updateDocument(d.replaces(), d.doc());
          } else {
            writer.addDocument(d.doc());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      indexedSeq = throughSeq;
    }
    changed.set(true);
  }

  /** Makes everything added so far searchable before returning; cheap when nothing was added. */
  void refresh() throws IOException {
    synchronized (refreshing) {
      long start = System.nanoTime();
      if (changed.getAndSet(false)) searchers.maybeRefreshBlocking();
      freshAsOf = start;
    }
  }

  /** Refreshes when the reader may lack something added longer than {@code maxStale} ago. */
  private void refreshIfStale() throws IOException {
    if (System.nanoTime() - freshAsOf < maxStaleNanos) return;
    synchronized (refreshing) {
      // Another search may have refreshed while this one waited.
      if (System.nanoTime() - freshAsOf >= maxStaleNanos) refresh();
    }
  }

  /**
   * Makes what was added durable, recording how far it reaches. Holds back adds meanwhile: the
   * commit is mostly an fsync of segments the last refresh already wrote.
   */
  void commit() throws IOException {
    synchronized (writes) {
      long seq = indexedSeq;
      if (seq == committedSeq && !writer.hasUncommittedChanges()) return;
      writer.setLiveCommitData(Map.of(SEQ, Long.toString(seq)).entrySet());
      writer.commit();
      committedSeq = seq;
    }
  }

  /** Runs {@code work} on the latest searcher. */
  <T> T withSearcher(SearcherWork<T> work) throws IOException {
    refreshIfStale();
    IndexSearcher searcher = searchers.acquire();
    try {
      return work.apply(searcher, facetState(searcher.getIndexReader()));
    } finally {
      searchers.release(searcher);
    }
  }

  /** What a search does with a searcher and its facet state (null while the index is empty). */
  interface SearcherWork<T> {
    T apply(IndexSearcher searcher, SortedSetDocValuesReaderState facets) throws IOException;
  }

  /** The facet ordinals of {@code reader}, built once per reader: refreshes replace the reader. */
  private synchronized SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
    if (reader.numDocs() == 0) return null;
    if (facetState == null || facetState.reader() != reader) {
      facetState = new FacetState(reader, new DefaultSortedSetDocValuesReaderState(reader, schema.facets()));
    }
    return facetState.state();
  }

  /** Commits and closes. */
  @Override
  public void close() throws IOException {
    try {
      commit();
    } finally {
      searchers.close();
      writer.close();
      directory.close();
    }
  }
}
