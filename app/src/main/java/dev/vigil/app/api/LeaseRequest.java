package dev.vigil.app.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /connections/{id}/credential/lease}: the action the agent needs the credential for. */
public record LeaseRequest(@NotBlank @Size(max = 130) String action) {}
