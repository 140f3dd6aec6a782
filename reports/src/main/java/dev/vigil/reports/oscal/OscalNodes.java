package dev.vigil.reports.oscal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The small OSCAL shapes every part of the document uses (props, links to evidence, origins),
 * and the text rules of OSCAL's datatypes: a markup-line or a string holds one line with no
 * leading or trailing whitespace, so text that comes from users is folded to fit rather than
 * making the document invalid.
 */
final class OscalNodes {

  /** The namespace of Vigil's own props, which OSCAL does not define. */
  static final String NS = "urn:vigil:oscal";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private OscalNodes() {}

  static ObjectNode object() {
    return F.objectNode();
  }

  static ArrayNode array() {
    return F.arrayNode();
  }

  /** {@code text} as one line: runs of whitespace (newlines included) become one space, ends trimmed. */
  static String line(String text) {
    return text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").strip();
  }

  /** Adds a Vigil prop to {@code props}, unless the value is empty once folded to a line. */
  static void prop(ArrayNode props, String name, Object value) {
    String v = value == null ? "" : line(value.toString());
    if (v.isEmpty()) return;
    props.addObject().put("name", name).put("ns", NS).put("value", v);
  }

  /** Sets {@code field} to {@code array} when it has items: OSCAL arrays hold at least one. */
  static void putNonEmpty(ObjectNode node, String field, ArrayNode array) {
    if (!array.isEmpty()) node.set(field, array);
  }

  /** One origin whose single actor is the tool (Vigil) with component UUID {@code toolUuid}. */
  static ArrayNode origins(String toolUuid) {
    ArrayNode origins = array();
    origins.addObject().putArray("actors").addObject().put("type", "tool").put("actor-uuid", toolUuid);
    return origins;
  }

  /** A relevant-evidence entry pointing at {@code packagePath} of the evidence package. */
  static void evidence(ArrayNode evidence, String packagePath, String description) {
    evidence.addObject().put("href", EvidenceHref.of(packagePath)).put("description", description);
  }

  /**
   * A duration in words, to the second: "1 hour", "2 days 3 hours", "5 minutes 30 seconds";
   * with the ISO 8601 form in props, where a tool reads it.
   */
  static String words(Duration d) {
    long s = d.getSeconds();
    StringBuilder out = new StringBuilder();
    unit(out, s / 86_400, "day");
    unit(out, s % 86_400 / 3_600, "hour");
    unit(out, s % 3_600 / 60, "minute");
    unit(out, s % 60, "second");
    return out.length() == 0 ? "0 seconds" : out.toString();
  }

  private static void unit(StringBuilder out, long n, String unit) {
    if (n == 0) return;
    if (out.length() > 0) out.append(' ');
    out.append(n).append(' ').append(unit).append(n == 1 ? "" : "s");
  }

  /** "1 run", "2 runs": {@code n} and the noun, plural unless one. */
  static String count(long n, String noun) {
    return count(n, noun, noun + "s");
  }

  static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** {@code text} as inline Markdown code, so ids with {@code _} or {@code *} print as they are. */
  static String code(String text) {
    String t = line(text).replace("`", "'");
    return "`" + t + "`";
  }
}
