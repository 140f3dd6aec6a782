package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A security incident and its timeline. No step of the timeline precedes detection.
 * {@code commanderId}, when set, is the user who leads the response and owns its findings.
 */
public record Incident(
    @JsonIgnore String tenantId,
    String id,
    String title,
    Severity severity,
    Instant detectedAt,
    boolean affectsCustomerData,
    String description,
    Instant containedAt,
    Instant customersNotifiedAt,
    Instant resolvedAt,
    Instant postmortemAt,
    Instant createdAt,
    String commanderId) {}
