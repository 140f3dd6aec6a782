package dev.vigil.app.openapi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Collection;
import java.util.List;

/**
 * Serves the API's OpenAPI description, to anyone: it is public, and names no tenant's data.
 * Built on the first request, once (reading every resource takes a moment that a server which is
 * never asked, as in most tests, need not spend).
 */
@Path("/api/v1")
public final class OpenApiResource {

  static final String YAML = "application/yaml";

  private final List<Class<?>> resources;
  private final String version;
  private OpenApiDocument document;

  /** The description of {@code resources} (this one included by the caller) at {@code version}. */
  public OpenApiResource(Collection<Class<?>> resources, String version) {
    this.resources = List.copyOf(resources);
    this.version = version;
  }

  @GET
  @Path("/openapi.json")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "This description, as JSON")
  @ApiResponse(responseCode = "200", description = "The OpenAPI document",
      content = @Content(schema = @Schema(type = "object")))
  public String json() {
    return document().json();
  }

  @GET
  @Path("/openapi.yaml")
  @Produces(YAML)
  @Operation(summary = "This description, as YAML")
  @ApiResponse(responseCode = "200", description = "The OpenAPI document",
      content = @Content(schema = @Schema(type = "string")))
  public String yaml() {
    return document().yaml();
  }

  private synchronized OpenApiDocument document() {
    if (document == null) document = OpenApiDocument.of(resources, version);
    return document;
  }
}
