package dev.vigil.app.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** {@code PUT /connections/{id}/credential}: the secret, write-only. */
public record PutCredential(@NotEmpty @Size(max = 16384) String secret) {

  @Override
  public String toString() {
    return "PutCredential[secret=***]";
  }
}
