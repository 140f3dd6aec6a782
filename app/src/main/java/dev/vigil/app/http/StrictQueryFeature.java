package dev.vigil.app.http;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.regex.Pattern;

/**
 * Gives every resource method a {@link StrictQueryFilter} built from its declared query
 * parameters, once, when the application starts. It runs after authentication and role
 * checks (a caller without a token learns nothing, a 401 or 403 comes first) and before the
 * method, so before any lookup of a path id: a missing id cannot hide a wrong parameter, and
 * a refused write reads no body and changes nothing. Methods Jersey adds itself (the
 * automatic {@code OPTIONS}) carry no HTTP-method annotation and are left alone.
 */
public final class StrictQueryFeature implements DynamicFeature {

  private static final Pattern PARAM_REGEX = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");

  @Override
  public void configure(ResourceInfo info, FeatureContext context) {
    Method method = info.getResourceMethod();
    if (method == null || info.getResourceClass() == null) return;
    String verb = httpMethod(method);
    if (verb == null) return;
    String endpoint = verb + " " + template(info.getResourceClass(), method);
    context.register(new StrictQueryFilter(endpoint, QueryParams.of(method)), Priorities.USER);
  }

  private static String httpMethod(Method method) {
    for (Annotation a : method.getAnnotations()) {
      HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) return verb.value();
    }
    return null;
  }

  /**
   * The path template of {@code method}, its class's {@code @Path} joined with its own, with
   * each parameter's regex left out ({@code /evidence/{type}/{id}}).
   */
  private static String template(Class<?> resource, Method method) {
    Path classPath = resource.getAnnotation(Path.class);
    Path methodPath = method.getAnnotation(Path.class);
    String base = classPath == null ? "" : strip(classPath.value());
    String path = methodPath == null ? "/" + base : "/" + base + "/" + strip(methodPath.value());
    return PARAM_REGEX.matcher(path).replaceAll("{$1}");
  }

  private static String strip(String path) {
    int from = path.startsWith("/") ? 1 : 0;
    int to = path.endsWith("/") && path.length() > from ? path.length() - 1 : path.length();
    return path.substring(from, to);
  }
}
