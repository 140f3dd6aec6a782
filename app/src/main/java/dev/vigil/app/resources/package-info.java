/**
 * The REST resources under {@code /api/v1}, one per aggregate. Each is thin: it checks the
 * role, takes the tenant from the caller's token, and hands the change to a store that
 * applies it together with its audit entry.
 */
package dev.vigil.app.resources;
