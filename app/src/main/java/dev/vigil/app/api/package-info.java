/**
 * Request and response bodies of the public API (../shared/API.md), as records. Requests
 * carry their validation; responses never carry a secret except the one-time token.
 */
package dev.vigil.app.api;
