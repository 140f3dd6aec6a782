package dev.vigil.app.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /exceptions/{id}/revoke}: who ends the exception (an active admin or compliance
 * user of the tenant, as an approver must be) and why.
 */
public record RevokeException(
    @NotBlank @Size(max = 40) String revokedBy,
    @Size(max = 2000) String reason) {}
