/**
 * The tamper-evident audit-chain format, as specified in {@code docs/audit-format.md}.
 *
 * <p>One chain per tenant. Entry {@code n} carries
 * {@code hash_n = SHA-256(hash_(n-1) || canonical_bytes(entry_n))}, where the chain starts
 * from 32 zero bytes and the canonical bytes are the RFC 8785 (JCS) encoding of the entry's
 * fields. {@link dev.vigil.controls.audit.AuditChain} computes hashes;
 * {@link dev.vigil.controls.audit.ChainVerifier} checks a run of entries and names the first
 * one that breaks.
 *
 * <pre>{@code
 * byte[] head = AuditChain.GENESIS;
 * for (AuditEntry e : entries) head = AuditChain.nextHash(head, e);
 * ChainVerification v = ChainVerifier.verify(AuditChain.GENESIS, 1, entries);
 * }</pre>
 */
package dev.vigil.controls.audit;
