package dev.vigil.controls.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A bundle signed as the service signs one, built in memory for the verifier's tests: entries
 * chained from a previous hash, lines in the exported form, a checkpoint every
 * {@code checkpointEvery} entries and at the last, a signed export note.
 */
final class SignedBundle {

  static final String TENANT = "ten_stream";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

  final KeyPair pair;
  final byte[] publicKey;
  final List<String> entryLines = new ArrayList<>();
  final List<String> checkpointLines = new ArrayList<>();
  final long fromSeq;
  final String previousHash;

  SignedBundle(long fromSeq, int entries, int checkpointEvery) throws GeneralSecurityException {
    pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] encoded = pair.getPublic().getEncoded();
    publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    this.fromSeq = fromSeq;
    previousHash = fromSeq == 1 ? AuditChain.GENESIS_HEX : Sha256.hex("entry " + (fromSeq - 1));
    String previous = previousHash;
    for (int i = 0; i < entries; i++) {
      long seq = fromSeq + i;
      ObjectNode data = JSON.createObjectNode().put("tool", "mail.read").put("n", i)
          .put("note", "line " + i + " \u00e9\t\"quoted\"");
      data.putObject("nested").putArray("list").add(1).add("two");
      AuditEntry entry = new AuditEntry(seq, TENANT, START.plusMillis(i * 7L), new Actor("agent", "agt_" + (i % 13)),
          "decision", "grant/grt_" + i, data, null);
      String hash = AuditChain.nextHash(previous, entry);
      entryLines.add(line(entry, CanonicalJson.string(data), hash));
      if ((i + 1) % checkpointEvery == 0 || i == entries - 1) checkpointLines.add(checkpoint(seq, hash));
      previous = hash;
    }
  }

  /** The exported form: the served members in order, data as its canonical text. */
  static String line(AuditEntry e, String dataText, String hash) {
    ObjectNode o = JSON.createObjectNode().put("seq", e.seq()).put("tenantId", e.tenantId())
        .put("time", AuditChain.formatTime(e.time()));
    o.putObject("actor").put("type", e.actor().type()).put("id", e.actor().id());
    o.put("kind", e.kind()).put("subject", e.subject());
    String head = o.toString();
    return head.substring(0, head.length() - 1) + ",\"data\":" + dataText + ",\"hash\":\"" + hash + "\"}";
  }

  String checkpoint(long size, String hash) throws GeneralSecurityException {
    Instant issued = START.plusSeconds(size);
    String note = sign(Checkpoint.body(TENANT, size, hash, issued));
    return JSON.createObjectNode().put("size", size).put("headHash", hash)
        .put("issuedAt", AuditChain.formatTime(issued)).put("note", note).toString();
  }

  String sign(String body) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(body.getBytes(StandardCharsets.UTF_8));
    return SignedNote.format(body, Checkpoint.KEY_NAME, publicKey, signer.sign());
  }

  /** The bundle with these entry lines (as given, so a test may alter them) and the note signing them. */
  BundleVerifier.Contents contents(List<String> entries) throws GeneralSecurityException {
    byte[] entryBytes = join(entries);
    byte[] checkpointBytes = join(checkpointLines);
    long toSeq = fromSeq + entryLines.size() - 1;
    ExportNote note = new ExportNote(TENANT, fromSeq, toSeq, previousHash, Sha256.hex(entryBytes),
        Sha256.hex(checkpointBytes), START);
    byte[] manifest = JSON.createObjectNode().put("note", sign(note.body())).toString().getBytes(StandardCharsets.UTF_8);
    byte[] key = JSON.createObjectNode().put("keyName", Checkpoint.KEY_NAME)
        .put("publicKey", Base64.getEncoder().encodeToString(publicKey)).toString().getBytes(StandardCharsets.UTF_8);
    return new BundleVerifier.Contents(manifest, key, entryBytes, checkpointBytes);
  }

  private static byte[] join(List<String> lines) {
    StringBuilder out = new StringBuilder();
    for (String l : lines) out.append(l).append('\n');
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
