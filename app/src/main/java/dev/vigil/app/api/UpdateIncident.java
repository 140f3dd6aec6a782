package dev.vigil.app.api;

import dev.vigil.controls.model.Severity;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** {@code PATCH /incidents/{id}}: timeline steps to set, corrections of the title and severity, a new commander. */
public record UpdateIncident(Instant containedAt, Instant customersNotifiedAt, Instant resolvedAt,
    Instant postmortemAt,
    @Size(max = 200) @NotBlankIfGiven String title,
    Severity severity,
    @Size(max = 40) @NotBlankIfGiven String commanderId) {

  @AssertTrue(message = "must name at least one of containedAt, customersNotifiedAt, resolvedAt, postmortemAt,"
      + " title, severity, commanderId")
  public boolean isChange() {
    return containedAt != null || customersNotifiedAt != null || resolvedAt != null || postmortemAt != null
        || title != null || severity != null || commanderId != null;
  }
}
