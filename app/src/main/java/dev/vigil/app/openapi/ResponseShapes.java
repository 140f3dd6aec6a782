package dev.vigil.app.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says which properties a response always carries. The reader marks a property required only
 * when a validation annotation says so, which response records never have; but Jackson writes
 * every component of a record, {@code null} when it has no value, unless the record omits nulls
 * ({@code @JsonInclude(NON_NULL)}). So, for each record reachable from a response: every
 * component is required and, unless it is a primitive, nullable; in a record that omits nulls
 * only the primitives are required. Request bodies keep the reader's view (their validation
 * annotations).
 */
final class ResponseShapes {

  private static final Set<JsonInclude.Include> OMITS_NULLS = EnumSet.of(JsonInclude.Include.NON_NULL,
      JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_DEFAULT);

  private final Map<String, Schema> schemas;
  private final Set<String> seen = new HashSet<>();

  private ResponseShapes(Map<String, Schema> schemas) {
    this.schemas = schemas;
  }

  /** Applies the rule above to the component {@code schemas} of {@code responseTypes} and all they contain. */
  static void apply(Map<String, Schema> schemas, Collection<Type> responseTypes) {
    ResponseShapes shapes = new ResponseShapes(schemas);
    responseTypes.forEach(t -> shapes.walk(TypeFactory.defaultInstance().constructType(t)));
  }

  private void walk(JavaType type) {
    if (type.isContainerType()) {
      walk(type.getContentType());
      return;
    }
    Class<?> raw = type.getRawClass();
    if (!raw.isRecord()) return;
    String name = TypeNameResolver.std.nameForType(type);
    if (!seen.add(name)) return;
    Schema<?> schema = schemas.get(name);
    if (schema != null && schema.getProperties() != null) shape(schema, raw);
    for (RecordComponent c : raw.getRecordComponents()) {
      walk(TypeFactory.defaultInstance().resolveMemberType(c.getGenericType(), type.getBindings()));
    }
  }

  private static void shape(Schema<?> schema, Class<?> record) {
    boolean recordOmitsNulls = omitsNulls(record.getAnnotation(JsonInclude.class));
    for (RecordComponent c : record.getRecordComponents()) {
      String name = jsonName(c);
      Schema<?> property = schema.getProperties().get(name);
      if (property == null) continue; // @JsonIgnore
      boolean primitive = c.getType().isPrimitive();
      boolean omitted = recordOmitsNulls || omitsNulls(c.getAccessor().getAnnotation(JsonInclude.class));
      if (primitive || !omitted) {
        if (schema.getRequired() == null || !schema.getRequired().contains(name)) schema.addRequiredItem(name);
      }
      if (!primitive && !omitted) schema.getProperties().put(name, nullable(property));
    }
  }

  /**
   * OpenAPI 3.0 ignores siblings of a {@code $ref}, so a nullable reference is wrapped in allOf
   * (typed: {@code nullable} needs a type beside it; a reference always names a record here).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema<?> nullable(Schema<?> property) {
    if (property.get$ref() == null) return property.nullable(true);
    return new Schema().type("object").allOf(List.of(property)).nullable(true);
  }

  private static boolean omitsNulls(JsonInclude include) {
    return include != null && OMITS_NULLS.contains(include.value());
  }

  private static String jsonName(RecordComponent c) {
    JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
    return p != null && !p.value().isEmpty() ? p.value() : c.getName();
  }
}
