package dev.vigil.collectors.audit;

import java.time.Instant;

/**
 * The last entry of a tenant's chain: its seq (0 for an empty chain), hex hash and commit time
 * (null for an empty chain). The next entries are stamped no earlier than {@code occurredAt}.
 * {@code policyVersion} is the tenant's policy version (see {@link AuditAppender#appendChange}).
 */
public record Head(long seq, String hash, Instant occurredAt, long policyVersion) {}
