package dev.vigil.app.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** {@code POST /exceptions}: an approved, time-boxed exception to one control for one subject. */
public record CreateException(
    @NotBlank @Size(max = 10) String controlId,
    @NotBlank @Size(max = 80) String subjectId,
    @NotBlank @Size(max = 2000) String reason,
    @NotBlank @Size(max = 40) String approvedBy,
    @NotNull Instant expiresAt) {}
