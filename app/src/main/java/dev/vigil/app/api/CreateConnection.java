package dev.vigil.app.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /connections}. {@code app} names the kind of app: crm, email, slack, mcp ... */
public record CreateConnection(
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Size(max = 100) String app,
    @NotBlank @Size(max = 40) String vendorId,
    @NotBlank @Size(max = 2000) String endpoint) {}
