/**
 * Request and response bodies of the public API that {@code docs/api.md} documents, as
 * records. Requests carry their validation; responses never carry a secret except the one-time
 * token.
 */
package dev.vigil.app.api;
