package dev.vigil.reports.content;

import dev.vigil.controls.audit.Checkpoint;

/**
 * What the report says of the tenant's audit chain: entries {@code firstSeq..lastSeq} (those of
 * the period) were verified, hash-linked from the first entry of the chain, ending in
 * {@code headHash}; {@code checkpoint} is the signed checkpoint covering the period's end (the
 * first one at or after its last entry), signed with the key {@code keyId}. The hex SHA-256 of
 * the checkpoint's signed note seeds every sample ({@link #sampleSeed}).
 */
public record ChainStatement(long firstSeq, long lastSeq, String headHash, Checkpoint checkpoint, String keyId,
    String sampleSeed) {}
