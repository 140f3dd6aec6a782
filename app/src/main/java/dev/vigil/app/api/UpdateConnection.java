package dev.vigil.app.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PATCH /connections/{id}}: any of name, vendorId, endpoint, checked as on creation. */
public record UpdateConnection(
    @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
    @Size(min = 1, max = 40) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String vendorId,
    @Size(min = 1, max = 2000) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String endpoint) {

  @AssertTrue(message = "must name at least one of name, vendorId, endpoint")
  public boolean isChange() {
    return name != null || vendorId != null || endpoint != null;
  }
}
