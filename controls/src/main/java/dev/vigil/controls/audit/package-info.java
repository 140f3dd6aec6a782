/**
 * The tamper-evident audit-chain format, as specified in {@code docs/audit-format.md}, and its
 * offline verification.
 *
 * <p>One chain per tenant. Entry {@code n} carries
 * {@code hash_n = SHA-256(hash_(n-1) || canonical_bytes(entry_n))}, where the chain starts
 * from 32 zero bytes ({@link dev.vigil.controls.audit.AuditChain#GENESIS_HEX}) and the
 * canonical bytes are the RFC 8785 (JCS) encoding of the entry's fields.
 * {@link dev.vigil.controls.audit.AuditChain} computes hashes;
 * {@link dev.vigil.controls.audit.ChainVerifier} checks a run of entries and names every one
 * that breaks. {@link dev.vigil.controls.audit.SignedNote} and
 * {@link dev.vigil.controls.audit.Checkpoint} are the signed checkpoints of a chain, and
 * {@link dev.vigil.controls.audit.BundleVerifier} checks an export bundle with no server.
 *
 * <p>Chaining and verifying the two entries of the format's worked example, from
 * {@code AuditChainExampleTest#theWorkedExampleChainsAndVerifies} in this package's tests
 * (which asserts the hashes the format document prints):
 *
 * <pre>{@code
 * String hash1 = AuditChain.nextHash(AuditChain.GENESIS_HEX, first);
 * String hash2 = AuditChain.nextHash(hash1, second);
 * List<AuditEntry> chain = List.of(first.withHash(hash1), second.withHash(hash2));
 * ChainVerification v = ChainVerifier.verify(TENANT, AuditChain.GENESIS_HEX, 1, chain);
 * }</pre>
 */
package dev.vigil.controls.audit;
