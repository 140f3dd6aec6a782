package dev.vigil.collectors.audit;

/** The last entry of a tenant's chain: its seq (0 for an empty chain) and hex hash. */
public record Head(long seq, String hash) {}
