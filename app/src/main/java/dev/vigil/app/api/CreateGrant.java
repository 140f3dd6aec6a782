package dev.vigil.app.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** {@code POST /agents/{id}/grants}. Scopes are validated by the grant store's grammar. */
public record CreateGrant(
    @NotBlank @Size(max = 40) String connectionId,
    @NotEmpty @Size(max = 100, message = "must have at most {max} items") List<@NotBlank String> scopes,
    @Size(max = 2000) String justification,
    @NotBlank @Size(max = 40) String requestedBy,
    @NotBlank @Size(max = 40) String approvedBy,
    Instant expiresAt) {}
