package dev.vigil.app.config;

import dev.vigil.app.jobs.ReindexJobs;
import dev.vigil.evidence.EvidenceSearch;

/**
 * The evidence index as the service runs it, once {@link EvidenceFactory#build} has set it up:
 * following every tenant's chain, or, on a node that keeps no index, refusing (503) every search
 * and rebuild.
 *
 * @param index answers searches, confined to the caller's tenant
 * @param jobs the rebuilds asked for through the API, one at a time per tenant
 */
public record Evidence(EvidenceSearch index, ReindexJobs jobs) {}
