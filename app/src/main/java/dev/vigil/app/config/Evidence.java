package dev.vigil.app.config;

import dev.vigil.app.jobs.ReindexJobs;
import dev.vigil.evidence.EvidenceSearch;
import java.util.Optional;

/**
 * The evidence index as the service runs it, once {@link EvidenceFactory#build} has set it up:
 * following every tenant's chain, or, on a node that keeps no index, refusing (503) every search
 * and rebuild.
 *
 * @param index answers searches, confined to the caller's tenant
 * @param rebuilds the rebuilds asked for through the API, one at a time per tenant; empty on a
 *     node that keeps no index
 */
public record Evidence(EvidenceSearch index, Optional<ReindexJobs> rebuilds) {

  /** Whether this node keeps the index (searches answer here). */
  public boolean kept() {
    return rebuilds.isPresent();
  }

  /** The rebuilds; on a node that keeps no index, the refusal (503) that says so. */
  public ReindexJobs jobs() {
    return rebuilds.orElseThrow(IndexNotKept::refusal);
  }
}
