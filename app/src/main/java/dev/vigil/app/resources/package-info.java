/**
 * The REST resources under {@code /api/v1}, one per aggregate. Each is thin: it checks the
 * role, takes the tenant from the caller's token, and hands the work to a store in the
 * collectors module, which applies a change together with its audit entry (or, for decisions
 * and events, through the group-commit pipeline) before the answer leaves.
 */
package dev.vigil.app.resources;
