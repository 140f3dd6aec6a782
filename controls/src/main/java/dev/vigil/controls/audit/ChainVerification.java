package dev.vigil.controls.audit;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying a run of audit entries.
 *
 * @param checked how many entries were examined
 * @param headHash the hash of the last entry as recorded (the predecessor hash when empty)
 * @param breaks every problem found, in chain order; empty when the run verifies
 */
public record ChainVerification(long checked, String headHash, List<ChainBreak> breaks) {

  public ChainVerification {
    breaks = List.copyOf(breaks);
  }

  public boolean intact() {
    return breaks.isEmpty();
  }

  public Optional<ChainBreak> firstBreak() {
    return breaks.stream().findFirst();
  }
}
