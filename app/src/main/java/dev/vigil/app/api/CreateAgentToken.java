package dev.vigil.app.api;

import jakarta.validation.constraints.Size;

/** {@code POST /agents/{id}/tokens}; the body and its name are optional. */
public record CreateAgentToken(@Size(min = 1, max = 200) String name) {}
