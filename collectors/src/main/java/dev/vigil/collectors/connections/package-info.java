/**
 * Connections to apps and their credentials. A credential is written through the API,
 * sealed by {@link dev.vigil.collectors.crypto.CredentialVault}, and never read back except
 * by a lease to an allowed agent and by the encryption control's check.
 */
package dev.vigil.collectors.connections;
