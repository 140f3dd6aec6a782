/**
 * Appending to and reading the per-tenant audit chains.
 *
 * <p>{@link dev.vigil.collectors.audit.AuditAppender#append} runs inside the caller's
 * transaction: it locks the tenant's chain head, hashes the new entries with
 * {@link dev.vigil.controls.audit.AuditChain}, inserts them and moves the head. The change and
 * its entries commit together or not at all, and concurrent writers to one tenant queue on
 * the head row, so the chain can neither fork nor skip.
 */
package dev.vigil.collectors.audit;
