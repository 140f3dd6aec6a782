/**
 * Connections to apps and their credentials. A credential is written through the API,
 * sealed by {@link dev.vigil.collectors.crypto.CredentialVault}, and never read back except
 * by a lease to an allowed agent, by the encryption control's check, and by re-encryption
 * after a key rotation.
 */
package dev.vigil.collectors.connections;
