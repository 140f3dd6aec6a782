package dev.vigil.controls.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads the lines of one batch of {@code entries.jsonl} and hashes each entry chained from the
 * line before it. Each line's own recorded hash is what the next one chains from, so batches
 * are independent and run on all cores.
 *
 * <p>A line written as the service exports it ({@code data} in its canonical text) is read with
 * a streaming parser and its data hashed as the bytes it is, which is several times as fast as
 * building a tree and writing it canonically again. Reading is still strict: the line must be
 * one JSON object with exactly the entry's members, each once, and data one JSON object. Hashing
 * data's bytes as written is sound: when the hash matches, those bytes are the canonical bytes
 * the service hashed (JSON's grammar leaves no other way to read the hashed text), so the line
 * says what was chained. A line that fails this path (another spelling of data, a member out of
 * place, a hash that does not match) is read again the general way, {@link BundleVerifier#entryLine}
 * and {@link AuditChain#canonicalBytes}, which decides and words the result as it always has.
 * One per worker thread: not thread-safe.
 */
final class EntryLines {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final HexFormat HEX = HexFormat.of();
  private static final int SEQ = 1;
  private static final int TENANT = 2;
  private static final int TIME = 4;
  private static final int ACTOR = 8;
  private static final int KIND = 16;
  private static final int SUBJECT = 32;
  private static final int DATA = 64;
  private static final int HASH = 128;
  private static final int ALL = 255;

  private final MessageDigest sha = Sha256.digest();
  private final StringBuilder text = new StringBuilder(256);

  /**
   * @param previousHash the recorded hash the batch's first line chains from (the line before
   *     the batch), or null when that line was not an entry
   */
  CheckedLine[] check(LineBatches.Batch batch, String previousHash) {
    CheckedLine[] out = new CheckedLine[batch.size()];
    String previous = previousHash;
    for (int i = 0; i < out.length; i++) {
      out[i] = batch.tooLong()[i] ? CheckedLine.NOT_AN_ENTRY
          : check(batch.bytes(), batch.starts()[i], batch.ends()[i] - batch.starts()[i], previous);
      previous = out[i].entry() ? out[i].hash() : null;
    }
    return out;
  }

  /** One line; {@code previous} null leaves its hash to be chained by the caller. */
  CheckedLine check(byte[] bytes, int offset, int length, String previous) {
    Fast fast = fast(bytes, offset, length);
    byte[] previousRaw = previous == null ? null : raw(previous);
    if (fast != null && previousRaw != null && matches(fast, bytes, previousRaw)) {
      return new CheckedLine(true, fast.seq, fast.tenantId, fast.time, fast.hash, true, fast.hash);
    }
    AuditEntry entry;
    try {
      entry = BundleVerifier.entryLine(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return CheckedLine.NOT_AN_ENTRY;
    }
    String time = AuditChain.formatTime(entry.time());
    if (previous == null) return new CheckedLine(true, entry.seq(), entry.tenantId(), time, entry.hash(), false, null);
    String computed = previousRaw == null ? null : HEX.formatHex(digest(previousRaw, AuditChain.canonicalBytes(entry)));
    return new CheckedLine(true, entry.seq(), entry.tenantId(), time, entry.hash(), true, computed);
  }

  /** A line's members as the streaming read found them; data as the byte range it spans. */
  private static final class Fast {
    long seq;
    String tenantId;
    String time;
    String actorType;
    String actorId;
    String kind;
    String subject;
    String hash;
    int dataStart;
    int dataEnd;
  }

  /** The line's members by the fast path, or null when it is not in the exported form. */
  private static Fast fast(byte[] bytes, int offset, int length) {
    Fast f = new Fast();
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      int seen = 0;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        int member;
        switch (name) {
          case "seq" -> {
            if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) return null;
            f.seq = p.getLongValue();
            member = SEQ;
          }
          case "tenantId" -> {
            f.tenantId = string(p, v);
            member = TENANT;
          }
          case "time" -> {
            f.time = string(p, v);
            member = TIME;
          }
          case "kind" -> {
            f.kind = string(p, v);
            member = KIND;
          }
          case "subject" -> {
            f.subject = string(p, v);
            member = SUBJECT;
          }
          case "hash" -> {
            f.hash = string(p, v);
            member = HASH;
          }
          case "actor" -> {
            if (v != JsonToken.START_OBJECT || !actor(p, f)) return null;
            member = ACTOR;
          }
          case "data" -> {
            if (v != JsonToken.START_OBJECT) return null;
            f.dataStart = offset + (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            f.dataEnd = offset + (int) p.currentLocation().getByteOffset();
            member = DATA;
          }
          default -> {
            return null;
          }
        }
        if ((seen & member) != 0) return null;
        seen |= member;
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || seen != ALL) return null;
      if (f.tenantId == null || f.time == null || f.kind == null || f.subject == null || f.hash == null) return null;
      return f;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean actor(JsonParser p, Fast f) throws IOException {
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("type") && f.actorType == null) {
        f.actorType = string(p, v);
      } else if (name.equals("id") && f.actorId == null) {
        f.actorId = string(p, v);
      } else {
        return false;
      }
    }
    return p.currentToken() == JsonToken.END_OBJECT && f.actorType != null && f.actorId != null;
  }

  private static String string(JsonParser p, JsonToken v) throws IOException {
    return v == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  /**
   * Whether the line is in the exported form and its recorded hash is SHA-256(previous || its
   * canonical bytes, data as written): the fast path alone, which {@link #check} falls back from.
   */
  boolean matchesAsWritten(byte[] bytes, int offset, int length, String previous) {
    Fast fast = fast(bytes, offset, length);
    byte[] previousRaw = raw(previous);
    return fast != null && previousRaw != null && matches(fast, bytes, previousRaw);
  }

  private boolean matches(Fast f, byte[] bytes, byte[] previousRaw) {
    byte[] recorded = raw(f.hash);
    if (recorded == null) return false;
    text.setLength(0);
    byte[] head;
    byte[] tail;
    try {
      head = AuditChain.canonicalHead(f.actorId, f.actorType, text);
      tail = AuditChain.canonicalTail(f.kind, f.seq, f.subject, f.tenantId, f.time, text);
    } catch (IllegalArgumentException e) {
      return false;
    }
    sha.reset();
    sha.update(previousRaw);
    sha.update(head);
    sha.update(bytes, f.dataStart, f.dataEnd - f.dataStart);
    sha.update(tail);
    return Arrays.equals(sha.digest(), recorded);
  }

  private byte[] digest(byte[] previousRaw, byte[] canonical) {
    sha.reset();
    sha.update(previousRaw);
    return sha.digest(canonical);
  }

  /** The 32 bytes of a hash written as 64 lowercase hex digits, or null when it is not. */
  static byte[] raw(String hex) {
    if (hex.length() != 64) return null;
    for (int i = 0; i < 64; i++) {
      char c = hex.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return null;
    }
    return HEX.parseHex(hex);
  }
}
