package dev.vigil.controls.audit;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed statement that a tenant's chain had {@code size} entries ending in {@code headHash}
 * at {@code issuedAt}. The note body is:
 *
 * <pre>
 * vigil/audit/&lt;tenantId&gt;
 * &lt;size&gt;
 * &lt;base64 of the 32-byte head hash&gt;
 * time &lt;issuedAt, yyyy-MM-ddTHH:mm:ss.SSSZ&gt;
 * </pre>
 */
public record Checkpoint(String tenantId, long size, String headHash, Instant issuedAt, String note) {

  /** The name of the key that signs every checkpoint and export note; a verifier accepts no other. */
  public static final String KEY_NAME = "vigil-audit";

  /** The origin line of a tenant's checkpoints. */
  public static String origin(String tenantId) {
    return "vigil/audit/" + tenantId;
  }

  /** The body that is signed. */
  public static String body(String tenantId, long size, String headHashHex, Instant issuedAt) {
    return origin(tenantId) + "\n" + size + "\n"
        + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(headHashHex)) + "\n"
        + "time " + AuditChain.formatTime(issuedAt) + "\n";
  }

  /**
   * Reads size, head hash and time back from a signed body; throws IllegalArgumentException
   * when the body is not a checkpoint of {@code tenantId}.
   */
  public static Checkpoint fromBody(String tenantId, String body, String note) {
    String[] lines = body.split("\n", -1);
    if (lines.length != 5 || !lines[4].isEmpty() || !lines[0].equals(origin(tenantId))
        || !lines[3].startsWith("time ")) {
      throw new IllegalArgumentException("not a checkpoint body of tenant " + tenantId);
    }
    long size = Long.parseLong(lines[1]);
    byte[] hash = Base64.getDecoder().decode(lines[2]);
    if (hash.length != 32) throw new IllegalArgumentException("a head hash is 32 bytes");
    return new Checkpoint(tenantId, size, HexFormat.of().formatHex(hash),
        Instant.parse(lines[3].substring(5)), note);
  }
}
