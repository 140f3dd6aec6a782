package dev.vigil.app.web;

import dev.vigil.controls.audit.ChainVerification;
import dev.vigil.controls.audit.Checkpoint;
import java.time.Instant;

/** The audit chain's verification; see {@link AuditTrailResource#verify}. */
public final class AuditVerifyPage extends PageView {

  /**
   * The latest signed checkpoint, the id of the key it should be signed with, whether its
   * signature verifies under that key, and whether its head hash is the chain's entry at its size.
   */
  public record Signed(Checkpoint checkpoint, String keyId, boolean signatureValid, boolean matchesChain) {

    public boolean valid() {
      return signatureValid && matchesChain;
    }
  }

  private final ChainVerification verification;
  private final Signed signed;
  private final Instant now;

  AuditVerifyPage(WebSession session, ChainVerification verification, Signed signed, Instant now) {
    super("audit-verify.ftlh", session, "Audit chain verification", "audit");
    this.verification = verification;
    this.signed = signed;
    this.now = now;
  }

  public ChainVerification getVerification() {
    return verification;
  }

  public Status getResult() {
    return verification.intact() ? new Status("passing", "Intact") : new Status("failing", "Broken");
  }

  /** The latest checkpoint and its checks; null when none has been signed yet. */
  public Signed getSigned() {
    return signed;
  }

  public Status getCheckpointResult() {
    return signed.valid() ? new Status("passing", "Verified") : new Status("failing", "Does not verify");
  }

  public String getCheckpointAge() {
    return ago(signed.checkpoint().issuedAt(), now);
  }
}
