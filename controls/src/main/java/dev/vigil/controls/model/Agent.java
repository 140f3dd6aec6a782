package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** An AI agent with its own identity, owned by a user of the same tenant. */
public record Agent(
    @JsonIgnore String tenantId,
    String id,
    String name,
    String ownerId,
    String description,
    AgentStatus status,
    Instant createdAt,
    Instant statusChangedAt) {}
