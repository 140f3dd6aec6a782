/**
 * Vigil's domain records: tenants, users, tokens, agents. Immutable values with the JSON
 * names of the public API (../shared/API.md); enums travel as lowercase strings.
 */
package dev.vigil.controls.model;
