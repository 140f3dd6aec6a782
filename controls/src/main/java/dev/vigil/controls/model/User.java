package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** A person of a tenant: owns agents, approves grants, signs in to the dashboard. */
public record User(
    @JsonIgnore String tenantId,
    String id,
    String email,
    String name,
    Role role,
    boolean active,
    Instant createdAt,
    Instant deactivatedAt) {}
