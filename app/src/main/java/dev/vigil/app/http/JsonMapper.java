package dev.vigil.app.http;

import static dev.vigil.collectors.db.Rejected.Reason.INVALID;
import static dev.vigil.collectors.db.Rejected.Reason.MALFORMED;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A body that is not the JSON a resource expects, answered by the rule in docs/api.md: what
 * cannot be read (malformed JSON, a value of the wrong JSON type or format, an unknown field,
 * a body that is not an object) is malformed; a readable value outside its allowed set, or
 * one a body's own constructor refuses, is invalid. Each answer names the field.
 */
public final class JsonMapper implements ExceptionMapper<JsonProcessingException> {

  private final WebApplicationMapper web = new WebApplicationMapper();

  @Override
  public Response toResponse(JsonProcessingException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      // A refusal raised while the body was read (such as 413 from BodyLimitFilter) wins.
      if (t instanceof WebApplicationException w) return web.toResponse(w);
    }
    if (e instanceof JsonParseException) {
      // Position only: the parser's own message quotes the offending text, which may be a secret.
      var at = e.getLocation();
      return Errors.of(MALFORMED, at == null ? "the body is not valid JSON"
          : "the body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
    if (!(e instanceof JsonMappingException mapping)) {
      return Errors.of(MALFORMED, "the body could not be read as JSON");
    }
    String field = path(mapping);
    if (e instanceof RefusedValue r) return Errors.of(r.reason(), field + ": " + r.getOriginalMessage());
    if (e instanceof UnrecognizedPropertyException u) {
      return Errors.of(MALFORMED, field + ": unknown field; expected one of "
          + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()
        && f.getProcessor() instanceof JsonParser p && p.currentToken() == JsonToken.VALUE_STRING) {
      String allowed = Arrays.stream(f.getTargetType().getEnumConstants())
          .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));
      return Errors.of(INVALID, field + ": '" + f.getValue() + "' is not one of " + allowed);
    }
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      return Errors.of(INVALID, field + ": " + v.getCause().getMessage());
    }
    if (e instanceof MismatchedInputException m) {
      // The value itself is not echoed: it may be a misplaced secret.
      if (field.isEmpty()) return Errors.of(MALFORMED, "the body must be a JSON object");
      return Errors.of(MALFORMED, field + ": expected " + typeName(m.getTargetType()));
    }
    return Errors.of(MALFORMED, (field.isEmpty() ? "body" : field) + ": " + e.getOriginalMessage());
  }

  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) out.append('.');
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) return "value";
    if (type == String.class || type.isEnum()) return "a string";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
    if (type.getName().startsWith("java.time")) return "an ISO 8601 time";
    if (Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
    return "an object";
  }
}
