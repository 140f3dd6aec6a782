package dev.vigil.collectors.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.CanonicalJson;
import dev.vigil.controls.audit.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What every sink gets for a checkpoint: canonical JSON (RFC 8785) of the type {@code
 * checkpoint.signed}, {@code tenantId}, {@code size}, {@code headHash} (hex), {@code issuedAt}
 * (ISO-8601) and {@code note}, the signed note exactly as {@code verify --trusted-checkpoints}
 * takes it. Only the note is signed; the other fields repeat it for convenience.
 */
final class CheckpointPayload {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CheckpointPayload() {}

  static String json(Checkpoint cp) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "checkpoint.signed");
    node.put("tenantId", cp.tenantId());
    node.put("size", cp.size());
    node.put("headHash", cp.headHash());
    node.put("issuedAt", cp.issuedAt().toString());
    node.put("note", cp.note());
    return CanonicalJson.string(node);
  }

  static Checkpoint read(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return new Checkpoint(node.get("tenantId").asText(), node.get("size").asLong(), node.get("headHash").asText(),
          Instant.parse(node.get("issuedAt").asText()), node.get("note").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
