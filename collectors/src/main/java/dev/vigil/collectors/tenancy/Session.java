package dev.vigil.collectors.tenancy;

import java.time.Instant;

/** A dashboard session of a user, as stored (without its secret). */
public record Session(String tenantId, String id, String userId, Instant createdAt, Instant lastSeenAt) {}
