package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** A connected app (CRM, mail, Slack, an MCP server) that agents act on, run by a vendor. */
public record Connection(
    @JsonIgnore String tenantId,
    String id,
    String name,
    String app,
    String vendorId,
    String endpoint,
    Instant createdAt) {}
