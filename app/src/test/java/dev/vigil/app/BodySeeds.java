package dev.vigil.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A plausible body for a request type, built from its record components and their names: ids
 * of the tenant's own objects where a field names one, times in the right direction, enum values
 * as the API writes them. Most pass validation, so mutating one reaches deep into an endpoint;
 * a type added later gets bodies without a line here.
 */
final class BodySeeds {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Fields whose name does not say which collection their id is from. */
  private static final Map<String, String> COLLECTION_OF = Map.of("owner", "users", "reviewer", "users",
      "approvedBy", "users", "requestedBy", "users", "onBehalfOf", "users", "subject", "grants");

  private final KnownIds ids;

  BodySeeds(KnownIds ids) {
    this.ids = ids;
  }

  /** A body for {@code type}, with each optional field present or not at random. */
  JsonNode of(Type type, Random random) {
    return value("body", type, random, 0);
  }

  private JsonNode value(String name, Type type, Random random, int depth) {
    Class<?> raw = raw(type);
    if (raw == String.class) return NODES.textNode(text(name, random));
    if (raw == Instant.class) return NODES.textNode(time(name).toString());
    if (raw == LocalDate.class) return NODES.textNode(LocalDate.now().minusMonths(2).toString());
    if (raw == Boolean.class || raw == boolean.class) return NODES.booleanNode(random.nextBoolean());
    if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) return NODES.numberNode(1 + random.nextInt(10));
    if (raw.isEnum()) {
      Object[] values = raw.getEnumConstants();
      return Http.JSON.valueToTree(values[random.nextInt(values.length)]);
    }
    if (JsonNode.class.isAssignableFrom(raw)) {
      return NODES.objectNode().put("k", "v").put("n", random.nextInt(100));
    }
    if (Collection.class.isAssignableFrom(raw)) {
      ArrayNode list = NODES.arrayNode();
      Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
      int n = 1 + random.nextInt(2);
      for (int i = 0; i < n; i++) list.add(value(singular(name), element, random, depth + 1));
      return list;
    }
    if (raw.isRecord() && depth < 5) {
      ObjectNode object = NODES.objectNode();
      for (RecordComponent c : raw.getRecordComponents()) {
        object.set(c.getName(), value(c.getName(), c.getGenericType(), random, depth + 1));
      }
      return object;
    }
    return NODES.objectNode();
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) return c;
    if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    return Object.class;
  }

  private String text(String name, Random random) {
    String lower = name.toLowerCase(Locale.ROOT);
    String collection = COLLECTION_OF.get(name.replaceAll("Id$", ""));
    if (collection == null && name.endsWith("Id")) collection = name.substring(0, name.length() - 2) + "s";
    if (collection != null) {
      String id = ids.pick(collection, random);
      return id == null ? "x" : id;
    }
    if (lower.contains("email")) return "fuzz" + random.nextInt(1_000_000) + "@acme.example";
    if (lower.contains("password")) return "a long enough password";
    if (lower.equals("endpoint")) return "https://fuzz.example/api";
    if (lower.equals("action") || lower.equals("scope")) return random.nextBoolean() ? "crm:read" : "crm:write";
    if (lower.equals("outcome")) return "success";
    if (lower.equals("app")) return "crm";
    return "fuzz " + random.nextInt(1000);
  }

  /** A past time, but a future one for an expiry and the end of a window. */
  private static Instant time(String name) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    if (name.startsWith("expires")) return now.plus(3, ChronoUnit.DAYS);
    if (name.equals("from")) return now.minus(2, ChronoUnit.DAYS);
    return now.minus(1, ChronoUnit.HOURS);
  }

  private static String singular(String name) {
    return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
  }
}
