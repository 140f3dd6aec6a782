package dev.vigil.controls.decision;

/**
 * An answer to "may agent A do X on connection C?": allowed or not, a plain reason, and the
 * grant that allowed it ({@code null} on a deny).
 */
public record Decision(boolean allowed, String reason, String grantId) {

  public static Decision allow(String grantId, String scope) {
    return new Decision(true, "allowed by grant " + grantId + " (scope " + scope + ")", grantId);
  }

  public static Decision deny(String reason) {
    return new Decision(false, reason, null);
  }
}
