package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What is known of a connection's stored credential without decrypting it: the id of the
 * tenant key that encrypted it and when. The ciphertext never leaves the vault.
 */
public record StoredCredential(@JsonIgnore String tenantId, @JsonIgnore String connectionId,
    String keyId, Instant storedAt) {

  @JsonProperty("present")
  public boolean present() {
    return true;
  }
}
