package dev.vigil.controls.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies an audit export bundle with no server and no database (docs/audit-format.md).
 *
 * <p>Only signed statements are trusted: the export note (tenant, range, the hash the range
 * chains from, the SHA-256 of both data files) and each checkpoint note. Every entry is
 * re-hashed and chained; every checkpoint must be signed by the bundle's key and match the
 * entry at its size; the last entry must carry a checkpoint. Every problem is named. Stateless.
 */
public final class BundleVerifier {

  /** The names of a bundle's four files, in the order of {@link Contents}: a bundle holds nothing else. */
  public static final List<String> FILES = List.of("manifest.json", "public-key.json", "entries.jsonl",
      "checkpoints.jsonl");

  /** The four files of a bundle, as bytes; a missing file is null. */
  public record Contents(byte[] manifest, byte[] publicKey, byte[] entries, byte[] checkpoints) {}

  /** One thing that failed: where (manifest, entry N, checkpoint N, ...) and why. */
  public record Problem(String where, String reason) {
    @Override
    public String toString() {
      return where + ": " + reason;
    }
  }

  /** What was checked and what failed; {@code ok()} when nothing did. */
  public record Report(String tenantId, long fromSeq, long toSeq, int entries, int checkpoints,
      String keyId, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Duplicate member names are refused: parsers disagree on which one counts. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  /** The members of an entry line, and no others. */
  private static final Set<String> ENTRY_FIELDS = Set.of("seq", "tenantId", "time", "actor", "kind", "subject",
      "data", "hash");

  private BundleVerifier() {}

  /**
   * @param pinnedKey the public key the auditor expects (from GET /audit/public-key, obtained
   *     independently), or null to trust the key in the bundle
   */
  public static Report verify(Contents c, byte[] pinnedKey) {
    return verify(c, pinnedKey, List.of());
  }

  /**
   * As {@link #verify(Contents, byte[])}, and also against checkpoints an auditor saved earlier
   * (from a bundle, the API, or a webhook): each signed note must verify with the bundle's key
   * and name this tenant, and the bundle's entry at its size must have the hash it signed. A
   * saved checkpoint beyond the bundle's last entry means the chain the bundle shows is shorter
   * than one seen before; one before the bundle's range cannot be compared (export a range
   * that covers it). This is what catches a history rewritten by whoever controls the
   * database, which can delete the checkpoint rows and sign fresh ones over the forgery.
   *
   * @param trustedNotes the saved checkpoints' signed notes
   */
  public static Report verify(Contents c, byte[] pinnedKey, List<String> trustedNotes) {
    List<Problem> problems = new ArrayList<>();
    byte[][] files = {c.manifest(), c.publicKey(), c.entries(), c.checkpoints()};
    for (int i = 0; i < files.length; i++) {
      if (files[i] == null) problems.add(new Problem(FILES.get(i), "missing from the bundle"));
    }
    if (!problems.isEmpty()) return new Report(null, 0, 0, 0, 0, null, problems);
    String exportNote;
    String keyName;
    byte[] publicKey;
    try {
      exportNote = text(JSON.readTree(c.manifest()), "note");
      JsonNode key = JSON.readTree(c.publicKey());
      keyName = text(key, "keyName");
      publicKey = Base64.getDecoder().decode(text(key, "publicKey"));
    } catch (IOException | RuntimeException e) {
      problems.add(new Problem("manifest", "manifest.json or public-key.json is not readable: " + e.getMessage()));
      return new Report(null, 0, 0, 0, 0, null, problems);
    }
    String keyId = HexFormat.of().formatHex(SignedNote.keyId(keyName, publicKey));
    if (!keyName.equals(Checkpoint.KEY_NAME)) {
      problems.add(new Problem("public-key.json", "the key is named " + keyName + ", not " + Checkpoint.KEY_NAME));
      return new Report(null, 0, 0, 0, 0, keyId, problems);
    }
    if (pinnedKey != null && !Arrays.equals(pinnedKey, publicKey)) {
      problems.add(new Problem("public-key.json", "the bundle's key is not the pinned key"));
    }
    if (!SignedNote.verify(exportNote, keyName, publicKey)) {
      problems.add(new Problem("manifest", "the export note's signature does not verify"));
      return new Report(null, 0, 0, 0, 0, keyId, problems);
    }
    ExportNote note;
    try {
      note = ExportNote.fromBody(SignedNote.parse(exportNote).body());
    } catch (RuntimeException e) {
      problems.add(new Problem("manifest", "the signed export note is malformed: " + e.getMessage()));
      return new Report(null, 0, 0, 0, 0, keyId, problems);
    }
    if (!Sha256.hex(c.entries()).equals(note.entriesSha256())) {
      problems.add(new Problem("entries.jsonl", "differs from the file that was exported and signed"));
    }
    if (!Sha256.hex(c.checkpoints()).equals(note.checkpointsSha256())) {
      problems.add(new Problem("checkpoints.jsonl", "differs from the file that was exported and signed"));
    }

    List<AuditEntry> entries = new ArrayList<>();
    List<String> entryLines = lines(c.entries());
    for (int i = 0; i < entryLines.size(); i++) {
      try {
        entries.add(entryLine(entryLines.get(i)));
      } catch (IOException | RuntimeException e) {
        problems.add(new Problem("entries.jsonl line " + (i + 1), "not an audit entry"));
      }
    }
    ChainVerification chain = ChainVerifier.verify(note.tenantId(), note.previousHash(), note.fromSeq(), entries);
    for (ChainBreak b : chain.breaks()) problems.add(new Problem("entry " + b.seq(), b.reason()));
    long lastSeq = entries.isEmpty() ? note.fromSeq() - 1 : entries.get(entries.size() - 1).seq();
    if (entries.size() != note.toSeq() - note.fromSeq() + 1 || lastSeq != note.toSeq()) {
      problems.add(new Problem("entries.jsonl", "holds " + entries.size() + " entries ending at seq "
          + lastSeq + ", but the export covered seq " + note.fromSeq() + " to " + note.toSeq()));
    }

    Map<Long, String> hashBySeq = new HashMap<>();
    // The signed previous hash is the hash of entry fromSeq-1: a checkpoint there ties an empty range to the chain.
    if (note.fromSeq() > 1) hashBySeq.put(note.fromSeq() - 1, note.previousHash());
    for (AuditEntry e : entries) hashBySeq.putIfAbsent(e.seq(), e.hash());
    boolean lastCovered = note.toSeq() == 0;
    List<String> checkpointLines = lines(c.checkpoints());
    for (int i = 0; i < checkpointLines.size(); i++) {
      String where = "checkpoints.jsonl line " + (i + 1);
      try {
        JsonNode cp = JSON.readTree(checkpointLines.get(i));
        String text = cp.path("note").asText();
        if (!SignedNote.verify(text, keyName, publicKey)) {
          problems.add(new Problem(where, "the checkpoint's signature does not verify"));
          continue;
        }
        Checkpoint signed = Checkpoint.fromBody(note.tenantId(), SignedNote.parse(text).body(), text);
        where = "checkpoint " + signed.size();
        if (!cp.path("size").isIntegralNumber() || cp.path("size").asLong() != signed.size()
            || !cp.path("headHash").asText().equals(signed.headHash())
            || !cp.path("issuedAt").asText().equals(AuditChain.formatTime(signed.issuedAt()))) {
          problems.add(new Problem(where, "its size, headHash or issuedAt fields differ from what it signs"));
        }
        String entryHash = hashBySeq.get(signed.size());
        if (signed.size() < note.fromSeq() - 1 || signed.size() > note.toSeq()) {
          problems.add(new Problem(where, "lies outside the exported range"));
        } else if (entryHash == null) {
          problems.add(new Problem(where, "entry " + signed.size() + " is missing from the bundle"));
        } else if (!entryHash.equals(signed.headHash())) {
          problems.add(new Problem(where, "signs head hash " + signed.headHash() + " but entry "
              + signed.size() + " has " + entryHash));
        } else if (signed.size() == note.toSeq()) {
          lastCovered = true;
        }
      } catch (IOException | RuntimeException e) {
        problems.add(new Problem(where, "not a checkpoint: " + e.getMessage()));
      }
    }
    for (int i = 0; i < trustedNotes.size(); i++) {
      trusted(trustedNotes.get(i), i + 1, note, keyName, publicKey, hashBySeq).ifPresent(problems::add);
    }
    if (!lastCovered) {
      problems.add(new Problem("checkpoints.jsonl", "no valid checkpoint covers seq " + note.toSeq()
          + (note.toSeq() < note.fromSeq() ? ", the entry this empty range follows" : ", the last entry")));
    }
    return new Report(note.tenantId(), note.fromSeq(), note.toSeq(), entries.size(),
        checkpointLines.size(), keyId, problems);
  }


  /** What is wrong with the bundle in the light of one saved checkpoint, if anything. */
  private static Optional<Problem> trusted(String text, int line, ExportNote note, String keyName, byte[] publicKey,
      Map<Long, String> hashBySeq) {
    String where = "trusted checkpoint " + line;
    if (!SignedNote.verify(text, keyName, publicKey)) {
      return Optional.of(new Problem(where, "its signature does not verify with the bundle's key: the bundle was "
          + "signed with another key, or the saved note was changed"));
    }
    Checkpoint saved;
    try {
      saved = Checkpoint.fromBody(note.tenantId(), SignedNote.parse(text).body(), text);
    } catch (RuntimeException e) {
      return Optional.of(new Problem(where, "is not a checkpoint of tenant " + note.tenantId()));
    }
    if (saved.size() > note.toSeq()) {
      return Optional.of(new Problem("trusted checkpoint " + saved.size(), "the chain held " + saved.size()
          + " entries when it was signed, but the bundle ends at seq " + note.toSeq()
          + " (export up to now, or the chain was cut)"));
    }
    String hash = hashBySeq.get(saved.size());
    if (hash != null && !hash.equals(saved.headHash())) {
      return Optional.of(new Problem("trusted checkpoint " + saved.size(), "signed head hash " + saved.headHash()
          + " but the bundle's entry " + saved.size() + " has " + hash + ": the history was rewritten after the "
          + "checkpoint was saved"));
    }
    return Optional.empty();
  }

  /** An entry from one line of entries.jsonl; throws on a repeated member name or as {@link #entry} does. */
  public static AuditEntry entryLine(String line) throws IOException {
    return entry(JSON.readTree(line));
  }

  /**
   * An entry from its served JSON form ({@link AuditJson}); throws on anything else: a member
   * missing or extra, a seq that is not a plain integer, a time not in the chain's form.
   */
  public static AuditEntry entry(JsonNode e) {
    JsonNode actor = e.get("actor");
    JsonNode data = e.get("data");
    if (actor == null || !(data instanceof ObjectNode)) throw new IllegalArgumentException("not an entry");
    Set<String> fields = new HashSet<>();
    e.fieldNames().forEachRemaining(fields::add);
    if (!fields.equals(ENTRY_FIELDS)) throw new IllegalArgumentException("an entry has exactly the members " + ENTRY_FIELDS);
    if (!e.get("seq").isIntegralNumber()) throw new IllegalArgumentException("seq is not an integer");
    requireIntegers(data);
    String time = text(e, "time");
    AuditEntry entry = new AuditEntry(e.get("seq").asLong(), text(e, "tenantId"), Instant.parse(time),
        new Actor(text(actor, "type"), text(actor, "id")), text(e, "kind"), text(e, "subject"),
        (ObjectNode) data, text(e, "hash"));
    if (!AuditChain.formatTime(entry.time()).equals(time)) {
      // A time written another way would hash differently from what the chain recorded.
      throw new IllegalArgumentException("time is not in the chain's canonical form");
    }
    return entry;
  }

  /**
   * Numbers in data are integers within +-2^53, written as such. A number written 1.0 or 1e0
   * would hash as 1 here but not in a verifier that keeps its spelling, so it is refused.
   */
  private static void requireIntegers(JsonNode node) {
    if (node.isNumber() && (!node.isIntegralNumber() || node.bigIntegerValue().abs().compareTo(CanonicalJson.MAX_SAFE) > 0)) {
      throw new IllegalArgumentException("data holds " + node.asText() + ", not an integer within +-2^53");
    }
    node.elements().forEachRemaining(BundleVerifier::requireIntegers);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException(field + " is not a string");
    return v.textValue();
  }

  private static List<String> lines(byte[] file) {
    String text = new String(file, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) if (!line.isEmpty()) out.add(line);
    return out;
  }
}
