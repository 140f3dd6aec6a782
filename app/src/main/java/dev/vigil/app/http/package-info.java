/**
 * HTTP plumbing shared by all resources: the error body, the exception mappers that give
 * every failure that shape, the request-size limit, the strict query-parameter check, and
 * the paging and time parameters.
 * {@link dev.vigil.app.http.RejectedMapper#status} is the one table from a refusal's reason
 * to its status: malformed input is 400, invalid input 422 (docs/api.md, "Errors").
 */
package dev.vigil.app.http;
