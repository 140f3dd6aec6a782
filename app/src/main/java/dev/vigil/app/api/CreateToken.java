package dev.vigil.app.api;

import dev.vigil.controls.model.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /tokens}. */
public record CreateToken(@NotBlank @Size(max = 200) String name, @NotNull Role role) {}
