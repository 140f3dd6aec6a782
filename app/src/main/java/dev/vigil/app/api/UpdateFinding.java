package dev.vigil.app.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** {@code PATCH /findings/{id}}: any of a new owner, a new due date and a comment. */
public record UpdateFinding(
    @Size(max = 40) @NotBlankIfGiven String ownerId,
    Instant dueAt,
    @Size(max = 2000) @NotBlankIfGiven String comment) {

  @AssertTrue(message = "must name at least one of ownerId, dueAt, comment")
  public boolean isChange() {
    return ownerId != null || dueAt != null || comment != null;
  }
}
