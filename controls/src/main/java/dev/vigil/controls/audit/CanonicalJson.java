package dev.vigil.controls.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for the values Vigil puts in audit entries.
 *
 * <p>Objects have their members sorted by the UTF-16 code units of their names, strings use
 * the minimal escapes of RFC 8785 section 3.2.2.2, and there is no insignificant whitespace.
 * Numbers are restricted to integers of magnitude at most 2<sup>53</sup>, which JCS (ECMAScript
 * number serialization) writes as plain decimal digits; audit data carries any other number
 * as a string, so fractional serialization never has to be reproduced by a third-party
 * verifier. Such a number is rejected rather than silently encoded.
 *
 * <p>Stateless and thread-safe.
 */
public final class CanonicalJson {

  static final BigInteger MAX_SAFE = BigInteger.valueOf(1L << 53);

  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of {@code node}. */
  public static byte[] bytes(JsonNode node) {
    return string(node).getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical text of {@code node}. */
  public static String string(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case NULL, MISSING -> out.append("null");
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> writeNumber(node, out);
      case ARRAY -> {
        out.append('[');
        boolean first = true;
        for (JsonNode element : node) {
          if (!first) out.append(',');
          first = false;
          write(element, out);
        }
        out.append(']');
      }
      case OBJECT -> {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          members.add(it.next());
        }
        // String.compareTo compares UTF-16 code units, exactly what RFC 8785 3.2.3 asks.
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> member : members) {
          if (!first) out.append(',');
          first = false;
          writeString(member.getKey(), out);
          out.append(':');
          write(member.getValue(), out);
        }
        out.append('}');
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static void writeNumber(JsonNode node, StringBuilder out) {
    BigInteger value;
    if (node.isIntegralNumber()) {
      value = node.bigIntegerValue();
    } else {
      double d = node.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(
            "audit data holds only integers; write " + node.asText() + " as a string");
      }
      value = java.math.BigDecimal.valueOf(d).toBigIntegerExact();
    }
    if (value.abs().compareTo(MAX_SAFE) > 0) {
      throw new IllegalArgumentException(
          "integer " + value + " is outside +-2^53; write it as a string");
    }
    out.append(value);
  }

  /** Appends {@code s} as a canonical JSON string. */
  public static void appendString(String s, StringBuilder out) {
    writeString(s, out);
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
              throw new IllegalArgumentException("lone surrogate in string at index " + i);
            }
            out.append(c).append(s.charAt(++i));
          } else if (Character.isLowSurrogate(c)) {
            throw new IllegalArgumentException("lone surrogate in string at index " + i);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
