package dev.vigil.collectors.verification;

import dev.vigil.controls.audit.ChainBreak;
import dev.vigil.controls.catalog.Facts;
import java.util.List;

/**
 * What one run of {@link RollingVerifier} found.
 *
 * @param length the chain's length (its head's seq)
 * @param breaks every break found, in the order found
 * @param scope which entries the run re-hashed, and the chain's last complete verification
 * @param saved whether the run saved its progress (false when nothing moved, when a break
 *     holds it back, or when another run saved first)
 */
public record ChainCheck(long length, List<ChainBreak> breaks, Facts.ChainScope scope, boolean saved) {

  public ChainCheck {
    breaks = List.copyOf(breaks);
  }
}
