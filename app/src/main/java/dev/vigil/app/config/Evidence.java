package dev.vigil.app.config;

import dev.vigil.app.jobs.ReindexJobs;
import dev.vigil.evidence.follow.ChainFollower;
import dev.vigil.evidence.follow.Reindexer;
import dev.vigil.evidence.lucene.LuceneIndex;

/**
 * The evidence index as the service runs it, once {@link EvidenceFactory#build} has set it
 * following every tenant's chain.
 *
 * @param index answers searches, confined to the caller's tenant
 * @param follower keeps the index up to date with the chains, on its own threads
 * @param reindexer rebuilds one tenant's index from its chain
 * @param jobs the rebuilds asked for through the API, one at a time per tenant
 */
public record Evidence(LuceneIndex index, ChainFollower follower, Reindexer reindexer, ReindexJobs jobs) {}
