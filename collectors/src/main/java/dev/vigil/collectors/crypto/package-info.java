/**
 * Secrets at rest, with Google Tink.
 *
 * <p>{@link dev.vigil.collectors.crypto.MasterKey} holds the master AEAD, read from a keyset
 * file that never enters the database. {@link dev.vigil.collectors.crypto.TenantKeysets}
 * keeps one AES256-GCM keyset per tenant, stored only encrypted by the master key, and its
 * key metadata. {@link dev.vigil.collectors.crypto.CredentialVault} seals and opens
 * connection credentials under the tenant's keyset with associated data that binds each
 * ciphertext to its tenant, connection and purpose, and re-encrypts them after rotation.
 * {@link dev.vigil.collectors.crypto.MasterKeyRotation} moves every keyset the master key
 * wraps to a new master key: added as the file's primary, rewrapped, then the old keys pruned.
 */
package dev.vigil.collectors.crypto;
