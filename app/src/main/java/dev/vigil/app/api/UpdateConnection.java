package dev.vigil.app.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;

/** {@code PATCH /connections/{id}}: any of name, vendorId, endpoint, checked as on creation. */
public record UpdateConnection(
    @Size(max = 200) @NotBlankIfGiven String name,
    @Size(max = 40) @NotBlankIfGiven String vendorId,
    @Size(max = 2000) @NotBlankIfGiven String endpoint) {

  @AssertTrue(message = "must name at least one of name, vendorId, endpoint")
  public boolean isChange() {
    return name != null || vendorId != null || endpoint != null;
  }
}
