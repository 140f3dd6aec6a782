/**
 * Keeping the evidence index derived from the chain: {@link dev.vigil.evidence.follow.ChainFollower}
 * tails every tenant's chain into the index, {@link dev.vigil.evidence.follow.Reindexer} rebuilds a
 * tenant's index aside and swaps it in.
 */
package dev.vigil.evidence.follow;
