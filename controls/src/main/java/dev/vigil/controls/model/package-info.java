/**
 * Vigil's domain records: tenants, users, tokens, agents, vendors, connections, grants,
 * reviews, exceptions, incidents and keys, and the scope grammar of grants
 * ({@link dev.vigil.controls.model.Scopes}). Immutable values whose JSON names are those of the
 * public API in {@code docs/api.md}; enums travel as lowercase strings.
 */
package dev.vigil.controls.model;
