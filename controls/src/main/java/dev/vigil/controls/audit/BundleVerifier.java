package dev.vigil.controls.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Verifies an audit export bundle with no server and no database (docs/audit-format.md).
 *
 * <p>Only signed statements are trusted: the export note (tenant, range, the hash the range
 * chains from, the SHA-256 of both data files) and each checkpoint note. Every entry is
 * re-hashed and chained; every checkpoint must be signed by the bundle's key and match the
 * entry at its size; the last entry must carry a checkpoint. Every problem is named (the first
 * thousand of a kind, and how many more). The entries are read once, as a stream, parsed and
 * hashed on every core ({@link BundleEntries}), in memory that does not grow with the bundle.
 * Stateless.
 */
public final class BundleVerifier {

  /** The names of a bundle's four files, in the order of {@link Contents}: a bundle holds nothing else. */
  public static final List<String> FILES = List.of("manifest.json", "public-key.json", "entries.jsonl",
      "checkpoints.jsonl");

  /** The four files of a bundle, as bytes; a missing file is null. */
  public record Contents(byte[] manifest, byte[] publicKey, byte[] entries, byte[] checkpoints) implements BundleSource {
    @Override
    public boolean has(String file) {
      return bytes(file) != null;
    }

    @Override
    public InputStream open(String file) {
      return new ByteArrayInputStream(bytes(file));
    }

    private byte[] bytes(String file) {
      return switch (FILES.indexOf(file)) {
        case 0 -> manifest;
        case 1 -> publicKey;
        case 2 -> entries;
        case 3 -> checkpoints;
        default -> null;
      };
    }
  }

  /** One thing that failed: where (manifest, entry N, checkpoint N, ...) and why. */
  public record Problem(String where, String reason) {
    @Override
    public String toString() {
      return where + ": " + reason;
    }
  }

  /** What was checked and what failed; {@code ok()} when nothing did. */
  public record Report(String tenantId, long fromSeq, long toSeq, long entries, int checkpoints,
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
  public static Report verify(BundleSource c, byte[] pinnedKey) throws IOException {
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
  public static Report verify(BundleSource c, byte[] pinnedKey, List<String> trustedNotes) throws IOException {
    List<Problem> problems = new ArrayList<>();
    for (String file : FILES) {
      if (!c.has(file)) problems.add(new Problem(file, "missing from the bundle"));
    }
    if (!problems.isEmpty()) return new Report(null, 0, 0, 0, 0, null, problems);
    String exportNote;
    String keyName;
    byte[] publicKey;
    try {
      exportNote = text(JSON.readTree(small(c, FILES.get(0))), "note");
      JsonNode key = JSON.readTree(small(c, FILES.get(1)));
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

    // The checkpoints first (a few lines), so that the one pass over the entries keeps only the
    // hashes they name; then each checkpoint's claim is settled against those.
    Checkpoints checkpoints;
    try (InputStream in = c.open(FILES.get(3))) {
      checkpoints = Checkpoints.read(in, note, keyName, publicKey);
    }
    List<Claim> trusted = new ArrayList<>();
    for (int i = 0; i < trustedNotes.size(); i++) trusted.add(trusted(trustedNotes.get(i), i + 1, note, keyName, publicKey));
    Set<Long> wanted = new HashSet<>();
    checkpoints.claims().forEach(claim -> wanted.add(claim.size()));
    trusted.forEach(claim -> wanted.add(claim.size()));
    BundleEntries.Result entries;
    try (InputStream in = c.open(FILES.get(2))) {
      entries = BundleEntries.read(in, note, wanted, Runtime.getRuntime().availableProcessors());
    }

    if (!entries.sha256().equals(note.entriesSha256())) {
      problems.add(new Problem("entries.jsonl", "differs from the file that was exported and signed"));
    }
    if (!checkpoints.sha256().equals(note.checkpointsSha256())) {
      problems.add(new Problem("checkpoints.jsonl", "differs from the file that was exported and signed"));
    }
    problems.addAll(entries.lineProblems());
    for (ChainBreak b : entries.chain().breaks()) problems.add(new Problem("entry " + b.seq(), b.reason()));
    long lastSeq = entries.entries() == 0 ? note.fromSeq() - 1 : entries.lastSeq();
    if (entries.entries() != note.toSeq() - note.fromSeq() + 1 || lastSeq != note.toSeq()) {
      problems.add(new Problem("entries.jsonl", "holds " + entries.entries() + " entries ending at seq "
          + lastSeq + ", but the export covered seq " + note.fromSeq() + " to " + note.toSeq()));
    }
    boolean lastCovered = note.toSeq() == 0;
    for (Claim claim : checkpoints.claims()) {
      claim.settle(entries.hashes()).ifPresent(problems::add);
      if (claim.covers(note.toSeq(), entries.hashes())) lastCovered = true;
    }
    for (Claim claim : trusted) claim.settle(entries.hashes()).ifPresent(problems::add);
    if (!lastCovered) {
      problems.add(new Problem("checkpoints.jsonl", "no valid checkpoint covers seq " + note.toSeq()
          + (note.toSeq() < note.fromSeq() ? ", the entry this empty range follows" : ", the last entry")));
    }
    return new Report(note.tenantId(), note.fromSeq(), note.toSeq(), entries.entries(),
        checkpoints.lines(), keyId, problems);
  }

  /** A small file of the bundle (manifest, key), refused past {@link #SMALL_FILE} bytes. */
  private static byte[] small(BundleSource c, String file) throws IOException {
    try (InputStream in = c.open(file)) {
      byte[] bytes = in.readNBytes(SMALL_FILE + 1);
      if (bytes.length > SMALL_FILE) throw new IOException(file + " is larger than " + SMALL_FILE + " bytes");
      return bytes;
    }
  }

  /** A manifest or a key file is a few hundred bytes; this bounds what a hostile one can make the verifier hold. */
  private static final int SMALL_FILE = 64 * 1024;

  /** What one saved checkpoint says about the bundle; see {@link Claim}. */
  private static Claim trusted(String text, int line, ExportNote note, String keyName, byte[] publicKey) {
    String where = "trusted checkpoint " + line;
    if (!SignedNote.verify(text, keyName, publicKey)) {
      return Claim.failed(new Problem(where, "its signature does not verify with the bundle's key: the bundle was "
          + "signed with another key, or the saved note was changed"));
    }
    Checkpoint saved;
    try {
      saved = Checkpoint.fromBody(note.tenantId(), SignedNote.parse(text).body(), text);
    } catch (RuntimeException e) {
      return Claim.failed(new Problem(where, "is not a checkpoint of tenant " + note.tenantId()));
    }
    if (saved.size() > note.toSeq()) {
      return Claim.failed(new Problem("trusted checkpoint " + saved.size(), "the chain held " + saved.size()
          + " entries when it was signed, but the bundle ends at seq " + note.toSeq()
          + " (export up to now, or the chain was cut)"));
    }
    return new Claim("trusted checkpoint " + saved.size(), saved.size(), saved.headHash(), true, null);
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

}
