/**
 * Everything that touches stored data: the schema, the SqlObject DAOs, the audit-chain
 * appender, the stores that apply a change and its audit entry in one transaction, and
 * continuous control monitoring.
 *
 * <p>Every query on one tenant's data names the tenant: reads and updates take the tenant id
 * as their first parameter and inserts bind a record that carries it, so a row of another
 * tenant is indistinguishable from a missing one. The few queries that span tenants are the
 * system's own: finding a token by its hash, listing tenants for a sweep, checkpoints and
 * pending alert deliveries.
 */
package dev.vigil.collectors;
