package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Metadata of one key of a tenant's keyset: never key material. A retired key no longer
 * decrypts; re-encryption retires every key but the primary.
 */
public record TenantKey(@JsonIgnore String tenantId, String keyId, Instant createdAt, boolean primary,
    Instant retiredAt) {}
