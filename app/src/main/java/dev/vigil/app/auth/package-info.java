/**
 * Bearer-token authentication and role checks. The token alone decides the tenant and the
 * role of a request: no body or query parameter ever names a tenant.
 */
package dev.vigil.app.auth;
