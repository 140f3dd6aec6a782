/**
 * Appending to and reading the per-tenant audit chains, their signed checkpoints and export.
 *
 * <p>{@link dev.vigil.collectors.audit.AuditAppender#append} runs inside the caller's
 * transaction: it locks the tenant's chain head, hashes the new entries with
 * {@link dev.vigil.controls.audit.AuditChain}, inserts them and moves the head. The change and
 * its entries commit together or not at all, and concurrent writers to one tenant queue on
 * the head row, so the chain can neither fork nor skip. Once the transaction commits, the
 * {@link dev.vigil.collectors.audit.AuditListeners} hear of its entries; a rolled-back
 * transaction is never heard of. {@link dev.vigil.collectors.audit.AppendPipeline} does the
 * same for the data plane's decisions and events, many requests to one commit.
 *
 * <p>From {@code AuditAppenderExampleTest#aChangeAndItsEntryCommitTogetherAndListenersHearOnlyCommits}
 * in this package's tests: the first entry commits, the second rolls back with the change that
 * failed, and the chain and the listeners hold only the first.
 *
 * <pre>{@code
 * AuditEntry entry = jdbi.inTransaction(h -> audit.append(h, tenant, ACTOR, "vendor.reviewed", "ven_1",
 *     AuditData.object().put("outcome", "approved")));
 * assertThatThrownBy(() -> jdbi.useTransaction(h -> {
 *   audit.append(h, tenant, ACTOR, "vendor.reviewed", "ven_2", AuditData.object().put("outcome", "rejected"));
 *   throw new IllegalStateException("the change itself failed");
 * })).hasMessage("the change itself failed");
 * ChainVerification chain = new AuditLog(jdbi).verify(tenant);
 * }</pre>
 */
package dev.vigil.collectors.audit;
