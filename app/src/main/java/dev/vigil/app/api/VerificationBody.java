package dev.vigil.app.api;

import dev.vigil.controls.audit.ChainBreak;
import dev.vigil.controls.audit.ChainVerification;
import java.util.List;

/** {@code GET /audit/verify}: whether the tenant's whole chain verifies, and where not. */
public record VerificationBody(boolean intact, long checked, String headHash, List<ChainBreak> breaks) {

  public static VerificationBody of(ChainVerification v) {
    return new VerificationBody(v.intact(), v.checked(), v.headHash(), v.breaks());
  }
}
