/**
 * Everything that touches stored data: the schema, the SqlObject DAOs, the audit-chain
 * appender, and the stores that apply a change and its audit entry in one transaction.
 *
 * <p>Every query on tenant data takes the tenant id as its first parameter; a row of another
 * tenant is indistinguishable from a missing one.
 */
package dev.vigil.collectors;
