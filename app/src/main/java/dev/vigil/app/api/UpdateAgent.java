package dev.vigil.app.api;

import dev.vigil.controls.model.AgentStatus;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;

/** {@code PATCH /agents/{id}}: a new status, a new owner (an active user of the tenant), or both. */
public record UpdateAgent(
    AgentStatus status,
    @Size(max = 40) @NotBlankIfGiven String ownerId) {

  @AssertTrue(message = "must name at least one of status, ownerId")
  public boolean isChange() {
    return status != null || ownerId != null;
  }
}
