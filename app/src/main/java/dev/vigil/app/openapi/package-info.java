/**
 * The OpenAPI 3 description of the API, served at {@code /api/v1/openapi.json} and
 * {@code .yaml}. It is generated from the JAX-RS resources themselves (swagger-core's reader),
 * with what the reader cannot see added here: the roles of each operation from its
 * {@code @RolesAllowed}, the bearer scheme, the error body of every 4xx and 5xx answer, and which
 * properties a response always carries.
 */
package dev.vigil.app.openapi;
