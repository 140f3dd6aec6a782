package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;

/** A security review of a vendor, with the end of the SOC 2 Type II period it examined. */
public record VendorReview(
    @JsonIgnore String tenantId,
    String id,
    String vendorId,
    Instant reviewedAt,
    String reviewer,
    ReviewOutcome outcome,
    LocalDate soc2PeriodEnd,
    String notes,
    Instant createdAt) {}
