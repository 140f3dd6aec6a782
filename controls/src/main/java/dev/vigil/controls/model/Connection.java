package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A connected app (CRM, mail, Slack, an MCP server) that agents act on, run by a vendor.
 * {@code retiredAt} is null while it is in use; once set, the connection has no credential, no
 * grants, and is no longer examined by the controls. Retirement is final.
 */
public record Connection(
    @JsonIgnore String tenantId,
    String id,
    String name,
    String app,
    String vendorId,
    String endpoint,
    Instant createdAt,
    Instant retiredAt) {

  /** Whether it was retired. */
  @JsonIgnore
  public boolean retired() {
    return retiredAt != null;
  }
}
