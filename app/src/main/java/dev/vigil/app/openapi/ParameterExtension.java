package dev.vigil.app.openapi;

import com.fasterxml.jackson.annotation.JsonView;
import dev.vigil.app.http.QueryParams;
import io.dropwizard.auth.Auth;
import io.swagger.v3.core.util.PrimitiveType;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.AbstractOpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.parameters.Parameter;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Two parameters the default reading gets wrong. The {@code @Auth Caller} comes from the bearer
 * token, not the request: left out (else it would pass for the request body). A {@code @BeanParam}
 * whose {@code @QueryParam} fields are private (the default looks for them as Jackson properties,
 * finds none, and calls the bean a request body): its fields become query parameters. Loaded by
 * swagger-core's ServiceLoader (META-INF/services), ahead of its default extension.
 */
public final class ParameterExtension extends AbstractOpenAPIExtension {

  @Override
  public ResolvedParameter extractParameters(List<Annotation> annotations, Type type, Set<Type> typesToSkip,
      Components components, Consumes classConsumes, Consumes methodConsumes, boolean includeRequestBody,
      JsonView jsonView, Iterator<OpenAPIExtension> chain) {
    if (annotations.stream().anyMatch(a -> a instanceof Auth)) return new ResolvedParameter();
    if (annotations.stream().anyMatch(a -> a instanceof BeanParam)) {
      ResolvedParameter resolved = new ResolvedParameter();
      addQueryParams(constructType(type).getRawClass(), resolved.parameters);
      return resolved;
    }
    return super.extractParameters(annotations, type, typesToSkip, components, classConsumes, methodConsumes,
        includeRequestBody, jsonView, chain);
  }

  private static void addQueryParams(Class<?> bean, List<Parameter> out) {
    for (QueryParams.Declared d : QueryParams.ofBean(bean)) {
      out.add(new Parameter().in("query").name(d.name()).schema(PrimitiveType.createProperty(d.type())));
    }
  }
}
