package dev.vigil.app.api;

import jakarta.validation.constraints.AssertTrue;
import java.time.Instant;

/** {@code PATCH /incidents/{id}}: timeline steps to set. */
public record UpdateIncident(Instant containedAt, Instant customersNotifiedAt, Instant resolvedAt,
    Instant postmortemAt) {

  @AssertTrue(message = "must name at least one of containedAt, customersNotifiedAt, resolvedAt, postmortemAt")
  public boolean isChange() {
    return containedAt != null || customersNotifiedAt != null || resolvedAt != null || postmortemAt != null;
  }
}
