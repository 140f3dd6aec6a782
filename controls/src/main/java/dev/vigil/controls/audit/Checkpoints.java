package dev.vigil.controls.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A bundle's {@code checkpoints.jsonl}, read before the entries: each line's signature and
 * fields are checked here, and what it says about the entries becomes a {@link Claim} settled
 * after them. Hashed as read, for the export note's SHA-256.
 */
record Checkpoints(String sha256, int lines, List<Claim> claims) {

  /** A checkpoint line is a few hundred bytes: its signed note and three fields. */
  private static final int MAX_LINE = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  static Checkpoints read(InputStream in, ExportNote note, String keyName, byte[] publicKey) throws IOException {
    MessageDigest sha = Sha256.digest();
    LineBatches batches = new LineBatches(in, sha, MAX_LINE, MAX_LINE);
    List<Claim> claims = new ArrayList<>();
    int lines = 0;
    for (LineBatches.Batch b = batches.next(); b != null; b = batches.next()) {
      if (b.tooLong()) {
        lines++;
        claims.add(Claim.failed(new BundleVerifier.Problem("checkpoints.jsonl line " + lines,
            "not a checkpoint: longer than " + MAX_LINE + " bytes")));
        continue;
      }
      LineBatches.Lines split = LineBatches.lines(b);
      for (int i = 0; i < split.size(); i++) {
        lines++;
        String line = new String(b.bytes(), split.starts()[i], split.ends()[i] - split.starts()[i],
            StandardCharsets.UTF_8);
        claims.add(claim(line, "checkpoints.jsonl line " + lines, note, keyName, publicKey));
      }
    }
    return new Checkpoints(HexFormat.of().formatHex(sha.digest()), lines, claims);
  }

  private static Claim claim(String line, String where, ExportNote note, String keyName, byte[] publicKey) {
    try {
      JsonNode cp = JSON.readTree(line);
      String text = cp.path("note").asText();
      if (!SignedNote.verify(text, keyName, publicKey)) {
        return Claim.failed(new BundleVerifier.Problem(where, "the checkpoint's signature does not verify"));
      }
      Checkpoint signed = Checkpoint.fromBody(note.tenantId(), SignedNote.parse(text).body(), text);
      where = "checkpoint " + signed.size();
      if (!cp.path("size").isIntegralNumber() || cp.path("size").asLong() != signed.size()
          || !cp.path("headHash").asText().equals(signed.headHash())
          || !cp.path("issuedAt").asText().equals(AuditChain.formatTime(signed.issuedAt()))) {
        return Claim.failed(new BundleVerifier.Problem(where, "its size, headHash or issuedAt fields differ from what it signs"));
      }
      if (signed.size() < note.fromSeq() - 1 || signed.size() > note.toSeq()) {
        return Claim.failed(new BundleVerifier.Problem(where, "lies outside the exported range"));
      }
      return new Claim(where, signed.size(), signed.headHash(), false, null);
    } catch (IOException | RuntimeException e) {
      return Claim.failed(new BundleVerifier.Problem(where, "not a checkpoint: " + e.getMessage()));
    }
  }
}
