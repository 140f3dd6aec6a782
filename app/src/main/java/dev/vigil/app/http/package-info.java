/**
 * HTTP plumbing shared by all resources: the error body, the exception mappers that give
 * every failure that shape, the request-size limit, and paging parameters.
 */
package dev.vigil.app.http;
