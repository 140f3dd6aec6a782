package dev.vigil.app.config;

import dev.vigil.collectors.db.Rejected;
import dev.vigil.evidence.DocType;
import dev.vigil.evidence.EvidenceSearch;
import dev.vigil.evidence.Hit;
import dev.vigil.evidence.SearchRequest;
import dev.vigil.evidence.SearchResult;
import java.util.Optional;

/**
 * The evidence search of a node that keeps no index ({@code evidence.enabled: false}): every
 * search and look-up is refused, 503, saying why, so that a request sent to the wrong node is
 * answered plainly instead of with an empty result.
 */
final class IndexNotKept implements EvidenceSearch {

  static final String WHY = EvidenceFactory.NOT_KEPT + ": ask a node that keeps one";

  static Rejected refusal() {
    return Rejected.unavailable(WHY);
  }

  @Override
  public SearchResult search(String tenantId, SearchRequest request) {
    throw refusal();
  }

  @Override
  public Optional<Hit> find(String tenantId, DocType type, String id) {
    throw refusal();
  }
}
