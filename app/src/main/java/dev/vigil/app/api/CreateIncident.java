package dev.vigil.app.api;

import dev.vigil.controls.model.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** {@code POST /incidents}. */
public record CreateIncident(
    @NotBlank @Size(max = 200) String title,
    @NotNull Severity severity,
    @NotNull Instant detectedAt,
    @NotNull Boolean affectsCustomerData,
    @Size(max = 4000) String description,
    @Size(max = 40) @NotBlankIfGiven String commanderId) {}
