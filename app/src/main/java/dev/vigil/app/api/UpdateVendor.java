package dev.vigil.app.api;

import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.VendorStatus;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;

/** {@code PATCH /vendors/{id}}: any of the fields; {@code "status": "inactive"} retires a vendor. */
public record UpdateVendor(
    @Size(max = 200) @NotBlankIfGiven String name,
    Criticality criticality,
    @Size(max = 2000) String services,
    @Size(max = 2000) String dataShared,
    VendorStatus status,
    @Size(max = 40) @NotBlankIfGiven String ownerId) {

  @AssertTrue(message = "must name at least one of name, criticality, services, dataShared, status, ownerId")
  public boolean isChange() {
    return name != null || criticality != null || services != null || dataShared != null || status != null
        || ownerId != null;
  }
}
