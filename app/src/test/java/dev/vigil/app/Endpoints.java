package dev.vigil.app;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Every endpoint of the API, read from the Jersey model of the resources the server registered
 * (their {@code @Path}, HTTP method, {@code @PathParam}, {@code @QueryParam}, {@code @BeanParam}
 * and entity parameters), so a test that walks them covers an endpoint added later unedited.
 */
final class Endpoints {

  private Endpoints() {}

  /** One path segment of a template: a literal, or a parameter with the regex it must match (null: any). */
  record Segment(String literal, String param, String regex) {
    boolean isParam() {
      return param != null;
    }
  }

  /**
   * One endpoint: its method, path template ({@code /api/v1/agents/{id}}) split into segments,
   * the query parameters it reads, the type of its JSON body (null when it reads none), and the
   * Java method that answers it.
   */
  record Endpoint(String method, String template, List<Segment> segments, List<String> queryParams,
      Type bodyType, boolean consumesJson, java.lang.reflect.Method handler) {
    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  /** The endpoints of {@code resourceClasses} (any class without {@code @Path} is skipped), in a stable order. */
  static List<Endpoint> of(Collection<Class<?>> resourceClasses) {
    List<Endpoint> out = new ArrayList<>();
    for (Class<?> c : resourceClasses) {
      if (!Resource.isAcceptable(c) || c.getAnnotation(jakarta.ws.rs.Path.class) == null) continue;
      Resource root = Resource.from(c);
      collect(root.getPath(), root, out);
    }
    out.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
    return List.copyOf(out);
  }

  private static void collect(String prefix, Resource resource, List<Endpoint> out) {
    for (ResourceMethod m : resource.getResourceMethods()) {
      out.add(endpoint(m, prefix));
    }
    for (Resource child : resource.getChildResources()) {
      collect(join(prefix, child.getPath()), child, out);
    }
  }

  private static Endpoint endpoint(ResourceMethod m, String template) {
    Set<String> query = new LinkedHashSet<>();
    Type body = null;
    for (Parameter p : m.getInvocable().getParameters()) {
      switch (p.getSource()) {
        case QUERY -> query.add(p.getSourceName());
        case BEAN_PARAM -> query.addAll(beanQueryParams(p.getRawType()));
        case ENTITY -> body = p.getType();
        default -> { }
      }
    }
    boolean json = m.getConsumedTypes().isEmpty()
        || m.getConsumedTypes().stream().anyMatch(t -> t.isCompatible(MediaType.APPLICATION_JSON_TYPE));
    return new Endpoint(m.getHttpMethod(), template, segments(template), List.copyOf(query), body, json,
        m.getInvocable().getDefinitionMethod());
  }

  /** The {@code @QueryParam} fields of a {@code @BeanParam} class. */
  private static List<String> beanQueryParams(Class<?> bean) {
    List<String> names = new ArrayList<>();
    for (Field f : bean.getDeclaredFields()) {
      QueryParam q = f.getAnnotation(QueryParam.class);
      if (q != null) names.add(q.value());
      if (f.getAnnotation(BeanParam.class) != null) names.addAll(beanQueryParams(f.getType()));
    }
    return names;
  }

  private static String join(String prefix, String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix) + p;
  }

  /** {@code /a/{id}/{file: x\.pdf|y\.zip}} split on the slashes outside braces. */
  static List<Segment> segments(String template) {
    List<Segment> out = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : template.toCharArray()) {
      if (c == '{') depth++;
      if (c == '}') depth--;
      if (c == '/' && depth == 0) {
        if (current.length() > 0) out.add(segment(current.toString()));
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) out.add(segment(current.toString()));
    return List.copyOf(out);
  }

  private static Segment segment(String s) {
    if (!s.startsWith("{")) return new Segment(s, null, null);
    String inner = s.substring(1, s.length() - 1);
    int colon = inner.indexOf(':');
    if (colon < 0) return new Segment(null, inner.strip(), null);
    return new Segment(null, inner.substring(0, colon).strip(), inner.substring(colon + 1).strip());
  }
}
