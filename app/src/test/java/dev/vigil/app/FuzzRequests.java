package dev.vigil.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.app.Endpoints.Endpoint;
import dev.vigil.app.Endpoints.Segment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Requests to fuzz the API with, each drawn from one {@link Random}: an endpoint (sometimes
 * with the wrong method), path ids that are the tenant's own, another tenant's or garbage,
 * query parameters known and unknown with good and bad values, and a body that starts valid
 * and is then mutated (wrong types, huge and negative numbers, deep nesting, long strings, NUL,
 * lone surrogates, odd times, fields added and dropped, truncated or not JSON at all) under a
 * right or wrong Content-Type.
 */
final class FuzzRequests {

  /** One request: what to send, and with which token (null: none). */
  record Request(String method, String path, byte[] body, String contentType, String accept, String token,
      String endpoint) {
    @Override
    public String toString() {
      String shown = body == null ? "<none>" : new String(body, StandardCharsets.UTF_8);
      if (shown.length() > 600) shown = shown.substring(0, 600) + "...(" + body.length + " bytes)";
      return endpoint + " as " + (token == null ? "nobody" : token.substring(0, Math.min(12, token.length())))
          + ": " + method + " " + (path.length() > 300 ? path.substring(0, 300) + "..." : path)
          + " [" + contentType + ", accept " + accept + "] " + shown;
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Path segments no id looks like, already percent-encoded. */
  private static final List<String> BAD_IDS = List.of("x", "agt_00000000000000000000000000", "%00", "%C0%80",
      "%ED%A0%80", "%F0%9F%99%82", "%E2%80%A8", "%20", "..", "%2e%2e", "%2F", "%5C", "a".repeat(300), "-1",
      "99999999999999999999", "AC-1", "%27%20OR%201%3D1--", "null", "%FF", "*", "%3Cscript%3E");

  /** Query values of every kind, already percent-encoded. */
  private static final List<String> QUERY_VALUES = List.of("", "1", "10", "0", "-1", "1001", "2.5", "ten",
      "99999999999999999999", "true", "maybe", "%00", "a%00b", "%ED%A0%80", "%C0%80", "%FF", "%E2%80%A8",
      "%F0%9F%99%82", "x".repeat(3000), "2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
      "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "%2B10000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
      "2024-02-30T00:00:00Z", "1700000000", "yesterday", "open", "resolved", "relevance", "time", "run", "entry",
      "AC-1", "CC6.1", "%27%20OR%201%3D1--", "abc", "MDAwMDAwMDAwMQ", "*", "crm:read", "%22%7B%7D%22");

  private static final List<String> EXTRA_PARAMS = List.of("tenantId", "foo", "access_token", "token", "limit",
      "cursor", "from", "to", "q", "%00", "");

  private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
      "application/x-www-form-urlencoded", "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16",
      "application/json; charset=nope", "*/*", "application/json;;", "multipart/form-data; boundary=x", "garbage");

  private static final List<String> ACCEPTS = List.of("application/xml", "text/html", "*/*", "application/pdf",
      "application/zip", "text/plain;q=0.1, application/json", "nonsense");

  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /** Strings a text field might be given. */
  private static final List<String> ODD_TEXT = List.of("", " ", "a\u0000b", "x\ud800", "\udc00y", "\u2028\u2029",
      "🙂 emoji 🚀", "é ünïcode", "<script>alert(1)</script>", "'; DROP TABLE agents;--", "x".repeat(201),
      "y".repeat(2001), "z".repeat(70_000), "\t\n\r", "\u202e reversed", "\ufeffbom", "%00", "null", "AC-1",
      "crm:read", "CRM:READ", "not an action", "ftp://x", "https://", "a@b", "\\u0000");

  /** Times as JSON, outside the range and of the wrong shape. */
  private static final List<JsonNode> ODD_TIMES = List.of(NODES.textNode("1969-12-31T23:59:59Z"),
      NODES.textNode("1970-01-01T00:00:00Z"), NODES.textNode("0000-01-01T00:00:00Z"),
      NODES.textNode("+10000-01-01T00:00:00Z"), NODES.textNode("-5000-01-01T00:00:00Z"),
      NODES.textNode("+1000000000-12-31T23:59:59Z"), NODES.textNode("9999-12-31T23:59:59.999999999Z"),
      NODES.textNode("2024-02-30T00:00:00Z"), NODES.textNode("2024-01-01T00:00:00+14:00"),
      NODES.textNode("2024-01-01"), NODES.textNode("yesterday"), NODES.numberNode(1_700_000_000L),
      NODES.numberNode(-1), NODES.textNode("2100-01-01T00:00:00Z"));

  private final List<Endpoint> endpoints;
  private final List<String> tokens;
  private final KnownIds ours;
  private final KnownIds theirs;
  private final BodySeeds seeds;

  /** Requests to {@code endpoints} with one of {@code tokens} (a null among them: no token). */
  FuzzRequests(List<Endpoint> endpoints, List<String> tokens, KnownIds ours, KnownIds theirs) {
    this.endpoints = endpoints;
    this.tokens = tokens;
    this.ours = ours;
    this.theirs = theirs;
    this.seeds = new BodySeeds(ours);
  }

  Request next(Random random) {
    Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
    String token = tokens.get(random.nextInt(tokens.size()));
    String method = random.nextInt(20) == 0 ? pick(METHODS, random) : e.method();
    String path = path(e, random) + query(e, random);
    byte[] body = null;
    String contentType = null;
    if (e.bodyType() != null || random.nextInt(10) == 0) {
      body = body(e, random);
      contentType = random.nextInt(8) == 0 ? pick(CONTENT_TYPES, random) : "application/json";
      if (random.nextInt(30) == 0) contentType = null;
    }
    String accept = random.nextInt(12) == 0 ? pick(ACCEPTS, random) : null;
    return new Request(method, path, body, contentType, accept, token, e.toString());
  }

  private String path(Endpoint e, Random random) {
    StringBuilder out = new StringBuilder();
    String collection = null;
    for (Segment s : e.segments()) {
      out.append('/');
      if (!s.isParam()) {
        out.append(s.literal());
        collection = s.literal();
        continue;
      }
      out.append(pathValue(s, collection, random));
    }
    return out.toString();
  }

  /** The tenant's own id (most often), another tenant's, or garbage. */
  private String pathValue(Segment s, String collection, Random random) {
    int roll = random.nextInt(10);
    List<String> choices = choicesOf(s.regex());
    if (!choices.isEmpty() && roll < 8) return pick(choices, random);
    String kind = s.param().equals("type") ? "type" : collection;
    String id = roll < 6 ? ours.pick(kind, random) : roll < 8 ? theirs.pick(kind, random) : null;
    return id == null ? pick(BAD_IDS, random) : encode(id);
  }

  /** The alternatives of a regex that is only literals joined by '|' ({@code report\.pdf|evidence\.zip}). */
  private static List<String> choicesOf(String regex) {
    if (regex == null || !regex.matches("([A-Za-z0-9_-]|\\\\\\.)+(\\|([A-Za-z0-9_-]|\\\\\\.)+)*")) return List.of();
    List<String> out = new ArrayList<>();
    for (String alternative : regex.split("\\|")) out.add(alternative.replace("\\.", "."));
    return out;
  }

  /**
   * Up to three of the endpoint's own parameters, each once, and now and then one it does not
   * take (or takes once, given again): any of those is refused before the endpoint reads
   * anything, so sending them often would leave the bodies behind them unfuzzed.
   */
  private String query(Endpoint e, Random random) {
    List<String> names = new ArrayList<>(e.queryParams());
    Collections.shuffle(names, random);
    names = new ArrayList<>(names.subList(0, Math.min(names.size(), random.nextInt(4))));
    if (random.nextInt(8) == 0) names.add(pick(EXTRA_PARAMS, random));
    if (names.isEmpty()) return "";
    List<String> params = new ArrayList<>();
    for (String name : names) {
      String value = random.nextInt(3) == 0 ? encode(ours.pick(name.replaceAll("Id$", "") + "s", random))
          : pick(QUERY_VALUES, random);
      params.add(name + "=" + value);
    }
    return "?" + String.join("&", params);
  }

  private byte[] body(Endpoint e, Random random) {
    int roll = random.nextInt(20);
    if (roll == 0) return new byte[0];
    if (roll == 1) return pick(List.of("name=x", "<a/>", "[1,2]", "null", "\"text\"", "5", "{", "}", "{}x",
        "{\"a\":1,\"a\":2}", "\ufeff{}", "{'a':1}", "[".repeat(5000), "{\"name\":" + "[".repeat(1100) + "]".repeat(1100) + "}"), random).getBytes(StandardCharsets.UTF_8);
    JsonNode tree = e.bodyType() == null ? NODES.objectNode().put("name", "x") : seeds.of(e.bodyType(), random);
    int mutations = random.nextInt(4);
    for (int i = 0; i < mutations; i++) tree = mutate(tree, random);
    String text;
    try {
      text = tree.toString();
    } catch (RuntimeException tooDeepToWrite) {
      text = "{\"name\":" + "[".repeat(1100) + "]".repeat(1100) + "}";
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return random.nextInt(8) == 0 ? mangle(bytes, random) : bytes;
  }

  /** One change to a JSON tree: a field dropped, added or given another value. */
  private JsonNode mutate(JsonNode tree, Random random) {
    List<ContainerNode<?>> containers = new ArrayList<>();
    containers(tree, containers);
    if (containers.isEmpty()) return odd(random);
    ContainerNode<?> target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      int action = random.nextInt(6);
      if (action == 0 && !names.isEmpty()) {
        o.remove(pick(names, random));
      } else if (action == 1) {
        o.set(pick(List.of("tenantId", "id", "extra", "seq", "hash", "__proto__"), random), odd(random));
      } else if (!names.isEmpty()) {
        o.set(pick(names, random), odd(random));
      }
    } else if (target instanceof ArrayNode a) {
      int action = random.nextInt(3);
      if (action == 0 && a.size() > 0) {
        a.remove(random.nextInt(a.size()));
      } else if (action == 1 && a.size() > 0) {
        a.set(random.nextInt(a.size()), odd(random));
      } else {
        int copies = pick(List.of(2, 100, 1001), random);
        JsonNode first = a.size() > 0 ? a.get(0) : odd(random);
        for (int i = 0; i < copies && a.size() < 1002; i++) a.add(first.deepCopy());
      }
    }
    return tree;
  }

  private static void containers(JsonNode node, List<ContainerNode<?>> out) {
    if (node instanceof ContainerNode<?> c) {
      out.add(c);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) containers(it.next(), out);
    }
  }

  /** A value of some other type, range or shape than the field expects. */
  private static JsonNode odd(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> pick(List.<JsonNode>of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(2.5),
          NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE),
          NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")),
          NODES.numberNode(new java.math.BigDecimal("1e400")), NODES.numberNode(Double.MIN_VALUE)), random);
      case 3, 4 -> NODES.textNode(pick(ODD_TEXT, random));
      case 5, 6 -> pick(ODD_TIMES, random);
      case 7 -> NODES.arrayNode().add("a").add(1);
      case 8 -> NODES.objectNode().put("k", "v");
      default -> nested(pick(List.of(3, 200, 600), random));
    };
  }

  private static JsonNode nested(int depth) {
    JsonNode node = NODES.textNode("deep");
    for (int i = 0; i < depth; i++) node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("d", node);
    return node;
  }

  /** Bytes no JSON text holds: cut short, overlong or invalid UTF-8, garbage after the end. */
  private static byte[] mangle(byte[] bytes, Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length)));
      case 1 -> {
        byte[] bad = pick(List.of(HexFormat.of().parseHex("c080"), HexFormat.of().parseHex("eda080"),
            HexFormat.of().parseHex("ff"), HexFormat.of().parseHex("e282"), HexFormat.of().parseHex("00")), random);
        int quote = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\":\"");
        int at = quote < 0 ? random.nextInt(bytes.length + 1) : quote + 3;
        byte[] out = new byte[bytes.length + bad.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(bytes, at, out, at + bad.length, bytes.length - at);
        yield out;
      }
      case 2 -> (new String(bytes, StandardCharsets.UTF_8) + pick(List.of("x", "}", " {}", "\u0000"), random))
          .getBytes(StandardCharsets.UTF_8);
      default -> new String(bytes, StandardCharsets.UTF_8).replace("\"", "'").getBytes(StandardCharsets.UTF_8);
    };
  }

  private static String encode(String text) {
    return text == null ? "x" : URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }
}
