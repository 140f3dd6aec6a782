package dev.vigil.controls.catalog;

import java.time.Instant;

/**
 * A member that would fail the control but is covered by an approved, unexpired control
 * exception: the evidence records it, and the control does not fail for it.
 */
public record Excused(String subjectId, String detail, String exceptionId, Instant expiresAt) {}
