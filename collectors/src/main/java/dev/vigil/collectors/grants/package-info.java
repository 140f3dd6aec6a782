/**
 * Grants (scopes an agent may use on a connection) and the access reviews that keep or
 * revoke them. Revocation keeps history: a revoked grant stays, with its revocation time.
 * Expiry is honoured on every read: a grant is active only before its {@code expiresAt}.
 */
package dev.vigil.collectors.grants;
