/**
 * Tenants, API tokens and users: who may call Vigil, in which tenant, with which role.
 *
 * <p>Tokens are 256 random bits shown once and stored as SHA-256 hashes; passwords are stored
 * as Argon2id hashes. Neither a token nor a password is ever logged or audited.
 */
package dev.vigil.collectors.tenancy;
