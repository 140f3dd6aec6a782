package dev.vigil.collectors.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Seals and opens credentials with a tenant's keyset. The associated data of every
 * ciphertext names its tenant, its connection and its purpose, so a ciphertext copied to
 * another tenant's or connection's row fails to open. Stateless and thread-safe.
 */
public final class CredentialVault {

  /** The purpose of a connection's API credential. */
  public static final String CONNECTION_SECRET = "connection-secret";

  /** A sealed secret: the id of the key that sealed it and the base64 ciphertext. */
  public record Sealed(long keyId, String ciphertext) {}

  public Sealed seal(KeysetHandle keyset, String tenantId, String connectionId, String purpose,
      String secret) {
    try {
      byte[] ct = aead(keyset).encrypt(secret.getBytes(StandardCharsets.UTF_8),
          associatedData(tenantId, connectionId, purpose));
      return new Sealed(Integer.toUnsignedLong(keyset.getPrimary().getId()),
          Base64.getEncoder().encodeToString(ct));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a credential", e);
    }
  }

  /**
   * Opens a sealed secret.
   *
   * @throws GeneralSecurityException when it was sealed for another tenant, connection or
   *     purpose, under a key this keyset lacks or has retired, or was altered
   */
  public String open(KeysetHandle keyset, String tenantId, String connectionId, String purpose,
      String ciphertext) throws GeneralSecurityException {
    byte[] ct;
    try {
      ct = Base64.getDecoder().decode(ciphertext);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the stored ciphertext is not base64", e);
    }
    byte[] plain = aead(keyset).decrypt(ct, associatedData(tenantId, connectionId, purpose));
    return new String(plain, StandardCharsets.UTF_8);
  }

  /** The id of the key a ciphertext names in its Tink prefix (byte 0 = 1, then 4 bytes of id). */
  public static long keyIdOf(String ciphertext) {
    byte[] ct = Base64.getDecoder().decode(ciphertext);
    if (ct.length < 5 || ct[0] != 1) throw new IllegalArgumentException("not a Tink ciphertext");
    return Integer.toUnsignedLong(ByteBuffer.wrap(ct, 1, 4).getInt());
  }

  private static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
    return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  private static byte[] associatedData(String tenantId, String connectionId, String purpose) {
    return ("vigil/credential/v1\0" + tenantId + "\0" + connectionId + "\0" + purpose)
        .getBytes(StandardCharsets.UTF_8);
  }
}
