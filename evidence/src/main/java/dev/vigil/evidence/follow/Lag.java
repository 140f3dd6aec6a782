package dev.vigil.evidence.follow;

/**
 * How far a tenant's index is behind its chain: entries appended but not yet indexed, and the
 * age in seconds of the oldest of them (0 when none is waiting).
 */
public record Lag(String tenantId, long headSeq, long indexedSeq, long entries, double seconds) {}
