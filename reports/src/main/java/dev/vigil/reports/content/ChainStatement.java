package dev.vigil.reports.content;

import dev.vigil.controls.audit.Checkpoint;

/**
 * What the report says of the tenant's audit chain: entries {@code firstSeq..lastSeq} (those of
 * the period) were verified, each chained to the one before it from the recorded hash of entry
 * {@code firstSeq - 1}, ending in {@code headHash}; {@code checkpoint} is the signed checkpoint
 * at the period's last entry, whose head hash is that entry's, signed with the key {@code keyId}. The hex SHA-256 of
 * the checkpoint's signed note seeds every sample ({@link #sampleSeed}).
 */
public record ChainStatement(long firstSeq, long lastSeq, String headHash, Checkpoint checkpoint, String keyId,
    String sampleSeed) {}
