package dev.vigil.controls.audit.evidence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.AuditChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An evidence package's {@code manifest.json}: the format, the report it belongs to, and every
 * other file of the package with its size and SHA-256, sorted by path so that the same files
 * always give the same bytes. {@code auditBundle} names the file that is the audit export
 * covering the period, which a verifier checks as a bundle too.
 *
 * <pre>
 * {
 *   "format" : "vigil-evidence-package/1",
 *   "reportId" : ..., "tenantId" : ...,
 *   "period" : { "from" : ..., "to" : ... },
 *   "generatedAt" : ...,
 *   "auditBundle" : "audit/bundle.zip",
 *   "files" : [ { "path" : ..., "bytes" : ..., "sha256" : ... }, ... ]
 * }
 * </pre>
 */
public record PackageManifest(String reportId, String tenantId, Instant from, Instant to, Instant generatedAt,
    String auditBundle, List<File> files) {

  public static final String FORMAT = "vigil-evidence-package/1";
  /** The manifest's own path, and that of its signed note: the two files the manifest does not list. */
  public static final String MANIFEST = "manifest.json";
  public static final String SIGNATURE = "manifest.sig";

  /** Duplicate member names are refused: parsers disagree on which one counts. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** One file of the package: its path from the package's root, its size in bytes, and its hex SHA-256. */
  public record File(String path, long bytes, String sha256) {}

  public PackageManifest {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(tenantId, "tenantId");
    files = files.stream().sorted(java.util.Comparator.comparing(File::path)).toList();
  }

  /** The manifest's bytes: pretty-printed UTF-8 JSON, fields in a fixed order, ending in a newline. */
  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("reportId", reportId).put("tenantId", tenantId);
    root.putObject("period").put("from", AuditChain.formatTime(from)).put("to", AuditChain.formatTime(to));
    root.put("generatedAt", AuditChain.formatTime(generatedAt)).put("auditBundle", auditBundle);
    ArrayNode list = root.putArray("files");
    for (File f : files) list.addObject().put("path", f.path()).put("bytes", f.bytes()).put("sha256", f.sha256());
    try {
      byte[] text = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
      byte[] out = java.util.Arrays.copyOf(text, text.length + 1);
      out[text.length] = '\n';
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a manifest; throws IllegalArgumentException saying what is wrong when it is not one. */
  public static PackageManifest fromJson(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException("not a JSON object");
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException("format is not " + FORMAT);
    }
    JsonNode period = root.path("period");
    List<File> files = new ArrayList<>();
    JsonNode list = root.path("files");
    if (!list.isArray()) throw new IllegalArgumentException("files is not a list");
    for (JsonNode f : list) {
      if (!f.path("bytes").isIntegralNumber()) throw new IllegalArgumentException("a file's bytes is not an integer");
      files.add(new File(text(f, "path"), f.get("bytes").asLong(), text(f, "sha256")));
    }
    try {
      return new PackageManifest(text(root, "reportId"), text(root, "tenantId"), Instant.parse(text(period, "from")),
          Instant.parse(text(period, "to")), Instant.parse(text(root, "generatedAt")), text(root, "auditBundle"),
          files);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("a time is not ISO-8601: " + e.getParsedString());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException(field + " is not a string");
    return v.textValue();
  }
}
