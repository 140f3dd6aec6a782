package dev.vigil.app.api;

import dev.vigil.controls.model.ReviewOutcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/** {@code POST /vendors/{id}/reviews}; {@code soc2PeriodEnd} is a date and optional. */
public record CreateVendorReview(
    @NotNull Instant reviewedAt,
    @NotBlank @Size(max = 200) String reviewer,
    @NotNull ReviewOutcome outcome,
    LocalDate soc2PeriodEnd,
    @Size(max = 4000) String notes) {}
