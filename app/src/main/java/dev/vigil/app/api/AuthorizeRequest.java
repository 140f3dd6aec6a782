package dev.vigil.app.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /authorize}; {@code agentId} is required for ingest and admin tokens, implied for agent tokens. */
public record AuthorizeRequest(
    @Size(max = 40) String agentId,
    @NotBlank @Size(max = 40) String connectionId,
    @NotBlank @Size(max = 130) String action,
    @Size(max = 2000) String resource) {}
