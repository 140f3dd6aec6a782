package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** A third party whose service a connection relies on; {@code ownerId}, when set, owns its findings. */
public record Vendor(
    @JsonIgnore String tenantId,
    String id,
    String name,
    Criticality criticality,
    String services,
    String dataShared,
    VendorStatus status,
    Instant createdAt,
    Instant updatedAt,
    String ownerId) {}
