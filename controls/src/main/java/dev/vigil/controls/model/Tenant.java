package dev.vigil.controls.model;

import java.time.Instant;

/** A customer of Vigil; everything else belongs to exactly one tenant. */
public record Tenant(String id, String name, Instant createdAt) {}
