package dev.vigil.controls.audit;

import java.util.Map;
import java.util.Optional;

/**
 * What a checkpoint says about a bundle's entries, settled once they are read: the entry at
 * {@code size} must have {@code headHash}. A bundle's own checkpoint must find its entry in the
 * bundle; a saved one ({@code saved}) is compared only when the bundle holds its entry. A claim
 * that failed before the entries were read (a bad signature, a size outside the range) carries
 * its problem instead.
 */
record Claim(String where, long size, String headHash, boolean saved, BundleVerifier.Problem failed) {

  static Claim failed(BundleVerifier.Problem problem) {
    return new Claim(problem.where(), -1, null, false, problem);
  }

  /** What is wrong, given the recorded hashes of the entries the claims name. */
  Optional<BundleVerifier.Problem> settle(Map<Long, String> hashes) {
    if (failed != null) return Optional.of(failed);
    String hash = hashes.get(size);
    if (saved) {
      if (hash == null || hash.equals(headHash)) return Optional.empty();
      return Optional.of(new BundleVerifier.Problem(where, "signed head hash " + headHash + " but the bundle's entry "
          + size + " has " + hash + ": the history was rewritten after the checkpoint was saved"));
    }
    if (hash == null) return Optional.of(new BundleVerifier.Problem(where, "entry " + size + " is missing from the bundle"));
    if (!hash.equals(headHash)) {
      return Optional.of(new BundleVerifier.Problem(where, "signs head hash " + headHash + " but entry " + size
          + " has " + hash));
    }
    return Optional.empty();
  }

  /** Whether this is a bundle's own checkpoint that settled without a problem at {@code seq}. */
  boolean covers(long seq, Map<Long, String> hashes) {
    return !saved && failed == null && size == seq && settle(hashes).isEmpty();
  }
}
