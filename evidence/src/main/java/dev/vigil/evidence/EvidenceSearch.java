package dev.vigil.evidence;

import java.util.Optional;

/**
 * Searching the evidence index. Every method takes the tenant, and the implementation, not the
 * caller, confines the answer to it: no query, filter or cursor can reach another tenant's
 * documents. Another engine (a distributed one, say) would implement this same interface.
 */
public interface EvidenceSearch {

  /**
   * One page of matches.
   *
   * @throws dev.vigil.collectors.db.Rejected 400 when the query does not parse, is too costly
   *     (leading wildcards, too many clauses, an automaton too big) or runs past its time limit,
   *     or when the cursor is not one this search handed out
   */
  SearchResult search(String tenantId, SearchRequest request);

  /** One document by type and id, with all its fields. */
  Optional<Hit> find(String tenantId, DocType type, String id);
}
