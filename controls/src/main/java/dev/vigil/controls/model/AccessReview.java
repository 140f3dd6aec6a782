package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** A periodic review of one agent's access by a person of the tenant. */
public record AccessReview(
    @JsonIgnore String tenantId,
    String id,
    String agentId,
    String reviewerId,
    ReviewDecision decision,
    String notes,
    Instant reviewedAt) {}
