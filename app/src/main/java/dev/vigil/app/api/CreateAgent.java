package dev.vigil.app.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /agents}. */
public record CreateAgent(
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Size(max = 40) String ownerId,
    @Size(max = 2000) String description) {}
