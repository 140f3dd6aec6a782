package dev.vigil.app.openapi;

import io.swagger.v3.jaxrs2.ext.AbstractOpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.List;

/**
 * Adds to each operation what the reader cannot see: who may call it (the method's or else the
 * class's {@code @RolesAllowed}, as Jersey's RolesAllowedDynamicFeature reads them) as an
 * {@code x-roles} list, a sentence of its description and the bearer requirement; the error
 * answers; a summary made of the resource's and the method's names; 200 for what a method returns (the reader calls it "default", which would also cover
 * the errors); and an operation id and tag named after its resource, since method names alone
 * ({@code create}, {@code list}) repeat across resources. Loaded by swagger-core's ServiceLoader.
 */
public final class RolesExtension extends AbstractOpenAPIExtension {

  @Override
  public void decorateOperation(Operation operation, Method method, Iterator<OpenAPIExtension> chain) {
    String resource = method.getDeclaringClass().getSimpleName().replaceFirst("Resource$", "");
    operation.setOperationId(Character.toLowerCase(resource.charAt(0)) + resource.substring(1)
        + Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1));
    operation.setTags(List.of(resource));
    if (operation.getSummary() == null) operation.setSummary(words(resource) + ": " + words(method.getName()));
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    ApiResponse returned = responses.remove(ApiResponses.DEFAULT);
    if (returned != null) responses.addApiResponse("200", returned.description("OK"));
    List<String> roles = roles(method);
    if (!roles.isEmpty()) {
      operation.addExtension("x-roles", roles);
      String allowed = "Roles allowed: " + String.join(", ", roles) + ".";
      operation.setDescription(operation.getDescription() == null ? allowed
          : operation.getDescription() + "\n\n" + allowed);
      operation.addSecurityItem(new SecurityRequirement().addList(OpenApiDocument.BEARER));
      responses.addApiResponse("401", ref(OpenApiDocument.UNAUTHORIZED));
      responses.addApiResponse("403", ref(OpenApiDocument.FORBIDDEN));
    } else {
      operation.setSecurity(List.of()); // said outright: public, not forgotten
    }
    responses.addApiResponse("4XX", ref(OpenApiDocument.ERROR));
    responses.addApiResponse("5XX", ref(OpenApiDocument.ERROR));
    operation.setResponses(responses);
    super.decorateOperation(operation, method, chain);
  }

  /** The roles that may call {@code method}; empty when anyone may. */
  static List<String> roles(Method method) {
    if (method.isAnnotationPresent(PermitAll.class)) return List.of();
    RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
    if (allowed == null) allowed = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
    return allowed == null ? List.of() : List.of(allowed.value());
  }

  /** {@code AccessReview} or {@code createToken} as a phrase: "Access review", "create token". */
  static String words(String camel) {
    String spaced = camel.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
    return camel.charAt(0) == Character.toUpperCase(camel.charAt(0))
        ? Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1) : spaced;
  }

  private static ApiResponse ref(String response) {
    return new ApiResponse().$ref("#/components/responses/" + response);
  }
}
