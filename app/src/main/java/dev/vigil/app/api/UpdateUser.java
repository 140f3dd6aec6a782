package dev.vigil.app.api;

import dev.vigil.controls.model.Role;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;

/** {@code PATCH /users/{id}}: any of name, role, active; {@code "active": false} deactivates. */
public record UpdateUser(
    @Size(max = 200) @NotBlankIfGiven String name,
    Role role,
    Boolean active) {

  @AssertTrue(message = "must name at least one of name, role, active")
  public boolean isChange() {
    return name != null || role != null || active != null;
  }
}
