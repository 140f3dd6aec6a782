package dev.vigil.collectors.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Vigil-Signature} header: {@code sha256=} and the lowercase hex of
 * HMAC-SHA256(secret, timestamp + "." + body). The timestamp is signed so that a receiver's
 * freshness check means something; {@link AlertDispatcher} explains how a receiver verifies.
 */
final class Signature {

  private Signature() {}

  static String header(String secret, long timestamp, byte[] body) {
    try {
      // A Mac is stateful, hence one per signature.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
