package dev.vigil.app.openapi;

import dev.vigil.app.http.ErrorBody;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import jakarta.ws.rs.HttpMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** The OpenAPI description of the API, rendered once as JSON and as YAML. */
public record OpenApiDocument(String json, String yaml) {

  static final String BEARER = "bearer";
  static final String ERROR = "Error";
  static final String UNAUTHORIZED = "Unauthorized";
  static final String FORBIDDEN = "Forbidden";

  /** The description of {@code resources} (JAX-RS resource classes) at {@code version} of the service. */
  public static OpenApiDocument of(Collection<Class<?>> resources, String version) {
    OpenAPI api = new Reader(new SwaggerConfiguration().openAPI(base(version)))
        .read(new LinkedHashSet<>(resources));
    ResponseShapes.apply(api.getComponents().getSchemas(), responseTypes(resources));
    api.setTags(tags(api));
    return new OpenApiDocument(Json.pretty(api), Yaml.pretty(api));
  }

  private static OpenAPI base(String version) {
    Components components = new Components()
        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
            .description("An API token (vgl_...), sent as `Authorization: Bearer <token>`. "
                + "Its role decides which operations it may call (x-roles)."))
        .addResponses(ERROR, error("An error; the body says why (docs/api.md, \"Errors\")."))
        .addResponses(UNAUTHORIZED, error("No token, or one that is unknown, revoked or expired."))
        .addResponses(FORBIDDEN, error("The token's role may not call this operation."));
    ModelConverters.getInstance().readAll(ErrorBody.class).forEach(components::addSchemas);
    return new OpenAPI()
        .info(new Info().title("Vigil API").version(version)
            .description("Security and compliance core for AI-agent platforms. Every operation but this "
                + "description needs a bearer token; x-roles lists the roles that may call it."))
        .addServersItem(new Server().url("/").description("This server"))
        .components(components);
  }

  private static ApiResponse error(String description) {
    return new ApiResponse().description(description).content(new io.swagger.v3.oas.models.media.Content()
        .addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ErrorBody.class.getSimpleName()))));
  }

  /** What the resource methods answer with: their return types and the bodies their annotations name. */
  private static List<Type> responseTypes(Collection<Class<?>> resources) {
    List<Type> types = new ArrayList<>(List.of(ErrorBody.class));
    for (Class<?> resource : resources) {
      for (Method m : resource.getMethods()) {
        if (Arrays.stream(m.getAnnotations()).noneMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))) {
          continue;
        }
        types.add(m.getGenericReturnType());
        Arrays.stream(m.getAnnotationsByType(io.swagger.v3.oas.annotations.responses.ApiResponse.class))
            .flatMap(r -> Arrays.stream(r.content())).map(Content::schema)
            .map(io.swagger.v3.oas.annotations.media.Schema::implementation)
            .filter(c -> c != Void.class).forEach(types::add);
      }
    }
    return types;
  }

  /** One tag per resource, as {@link RolesExtension} names them, declared so tools can group by them. */
  private static List<Tag> tags(OpenAPI api) {
    Set<String> names = new TreeSet<>();
    api.getPaths().values().forEach(item -> item.readOperations().stream().map(Operation::getTags)
        .filter(Objects::nonNull).forEach(names::addAll));
    return names.stream().map(n -> new Tag().name(n)).toList();
  }
}
