package dev.vigil.app.api;

import dev.vigil.controls.model.AgentStatus;
import jakarta.validation.constraints.NotNull;

/** {@code PATCH /agents/{id}}: the new status. */
public record UpdateAgent(@NotNull AgentStatus status) {}
