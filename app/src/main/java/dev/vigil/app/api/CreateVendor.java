package dev.vigil.app.api;

import dev.vigil.controls.model.Criticality;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /vendors}. */
public record CreateVendor(
    @NotBlank @Size(max = 200) String name,
    @NotNull Criticality criticality,
    @Size(max = 2000) String services,
    @Size(max = 2000) String dataShared,
    @Size(max = 40) @NotBlankIfGiven String ownerId) {}
