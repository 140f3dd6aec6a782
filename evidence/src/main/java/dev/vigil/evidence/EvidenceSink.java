package dev.vigil.evidence;

import java.io.IOException;
import java.util.List;

/**
 * Where the follower writes the documents it derives from each tenant's chain: the writing
 * side of an evidence index, as {@link EvidenceSearch} is its reading side. The Lucene index
 * implements both; another engine would too, and the follower, the rebuild and the API would
 * not change.
 */
public interface EvidenceSink {

  /** How far the tenant's index reaches: every document of the entries up to this seq is in it. */
  long indexedSeq(String tenantId);

  /**
   * Turns the tenant's documents into what the engine adds. Any thread may call it, so that the
   * follower prepares the next batch while the last one is being added: on the indexing thread
   * this work took about a third of the time (docs/benchmarks.md).
   */
  Prepared prepare(String tenantId, List<EvidenceDoc> docs);

  /**
   * Adds or replaces the documents of the tenant's entries after {@link #indexedSeq} up to
   * {@code throughSeq}, prepared for this tenant by this sink.
   */
  void add(String tenantId, Prepared docs, long throughSeq);

  /** Makes everything added to the tenant's index searchable before returning. */
  void refresh(String tenantId);

  /** Makes what was added durable, with how far it reaches. */
  void commit();

  /** A new index for the tenant, built aside while searches answer from the live one. */
  Rebuild rebuild(String tenantId);

  /** Documents made ready to add by {@link #prepare}; only the sink that made them knows their form. */
  interface Prepared {

    /** How many documents. */
    int size();
  }

  /** A tenant's index being rebuilt; closing it before {@link #swapIn} throws it away. */
  interface Rebuild extends AutoCloseable {

    long indexedSeq();

    void add(Prepared docs, long throughSeq);

    /** Replaces the live index with this one, which must hold every entry the live one does. */
    void swapIn() throws IOException;

    @Override
    void close() throws IOException;
  }
}
