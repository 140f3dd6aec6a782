package dev.vigil.app.api;

import dev.vigil.controls.model.ReviewDecision;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /access-reviews}. */
public record CreateAccessReview(
    @NotBlank @Size(max = 40) String agentId,
    @NotBlank @Size(max = 40) String reviewerId,
    @NotNull ReviewDecision decision,
    @Size(max = 4000) String notes) {}
