package dev.vigil.app.api;

import jakarta.validation.constraints.Size;

/** {@code POST /agents/{id}/tokens}; the body and its name are optional. */
public record CreateAgentToken(@Size(max = 200) @NotBlankIfGiven String name) {}
