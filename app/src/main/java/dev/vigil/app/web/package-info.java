/**
 * The web dashboard on the API port under {@code /} (the API stays under {@code /api/v1}):
 * server-rendered FreeMarker pages, htmx from the jar for live status, no script of our own
 * inline and no CDN.
 *
 * <p>People sign in with their email and password ({@link dev.vigil.app.web.SignInResource});
 * the session is a random secret in an {@code HttpOnly}, {@code SameSite=Strict} cookie, stored
 * only as its hash ({@link dev.vigil.collectors.tenancy.SessionStore}). {@link
 * dev.vigil.app.web.SessionFilter} guards every page of a {@link dev.vigil.app.web.Dashboard}
 * resource: no session sends the browser to the sign-in page, and every POST must carry the
 * session's CSRF token. Pages read through the same stores and queries as the API, scoped by the
 * session's tenant; actions are taken for the user, who is the actor of their audit entries.
 * None of these resources is part of the OpenAPI description.
 */
package dev.vigil.app.web;
