package dev.vigil.app.http;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The query parameters a resource method declares: its {@code @QueryParam} arguments and the
 * {@code @QueryParam} fields of its {@code @BeanParam} arguments (nested beans too). The one
 * reading that both the strict-parameter check and the OpenAPI description use, so neither
 * can accept a parameter the other does not know.
 */
public final class QueryParams {

  /** One declared parameter: its name, its Java type, and whether it takes several values. */
  public record Declared(String name, Class<?> type) {
    public boolean multiValued() {
      return type.isArray() || Collection.class.isAssignableFrom(type);
    }
  }

  private QueryParams() {}

  /** The parameters {@code method} reads, in declaration order. */
  public static List<Declared> of(Method method) {
    List<Declared> out = new ArrayList<>();
    for (Parameter p : method.getParameters()) add(p, p.getType(), out);
    return List.copyOf(out);
  }

  /**
   * A parameter's value as a filter reads it: stripped, and null when absent or blank (an
   * empty value, {@code ?status=}, counts as absent, as everywhere in the API).
   */
  public static String value(String raw) {
    return raw == null || raw.isBlank() ? null : raw.strip();
  }

  /** The {@code @QueryParam} fields of a {@code @BeanParam} class, nested beans included. */
  public static List<Declared> ofBean(Class<?> bean) {
    List<Declared> out = new ArrayList<>();
    for (Field f : bean.getDeclaredFields()) add(f, f.getType(), out);
    return List.copyOf(out);
  }

  /** What one method argument or bean field of {@code type} adds: itself, or its bean's fields. */
  private static void add(AnnotatedElement element, Class<?> type, List<Declared> out) {
    QueryParam q = element.getAnnotation(QueryParam.class);
    if (q != null) out.add(new Declared(q.value(), type));
    if (element.isAnnotationPresent(BeanParam.class)) out.addAll(ofBean(type));
  }
}
