package dev.vigil.controls.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads the lines of one batch of {@code entries.jsonl} and hashes each entry chained from the
 * line before it. Each line's own recorded hash is what the next one chains from, so batches
 * are independent and run on all cores.
 *
 * <p>A line exactly as the service exports it, {@code {"seq":N,"tenantId":"..","time":"..",
 * "actor":{"type":"..","id":".."},"kind":"..","subject":"..","data":{..},"hash":"<64 hex>"}}
 * with no escape in its strings, is hashed from its own bytes: the canonical form is those
 * strings, seq and data as written, in another member order. That is sound without parsing
 * data: when the hash matches, the bytes hashed are the canonical bytes the service hashed (the
 * fixed layout and strings free of quotes leave no other way to split them), so data is the
 * service's canonical JSON and the line says what was chained. Any other line, or one whose hash
 * does not match, is read the general way ({@link BundleVerifier#entryLine} and
 * {@link AuditChain#canonicalBytes}), which decides and words the result as it always has. One
 * per worker thread: not thread-safe.
 */
final class EntryLines {

  /** The lines of a batch as read, and where each sits in the batch's bytes. */
  record Checked(CheckedLine[] lines, LineBatches.Lines at) {}

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SEQ_OPEN = bytes("{\"seq\":");
  private static final byte[] TENANT_OPEN = bytes(",\"tenantId\":");
  private static final byte[] TIME_OPEN = bytes(",\"time\":");
  private static final byte[] TYPE_OPEN = bytes(",\"actor\":{\"type\":");
  private static final byte[] ID_OPEN = bytes(",\"id\":");
  private static final byte[] KIND_OPEN = bytes("},\"kind\":");
  private static final byte[] SUBJECT_OPEN = bytes(",\"subject\":");
  private static final byte[] DATA_OPEN = bytes(",\"data\":");
  private static final byte[] HASH_OPEN = bytes(",\"hash\":\"");
  /** {@code ,"hash":"} + 64 hex digits + {@code "}}. */
  private static final int HASH_TAIL = HASH_OPEN.length + 64 + 2;

  private static final byte[] C_ACTOR_ID = bytes(AuditChain.ACTOR_ID);
  private static final byte[] C_ACTOR_TYPE = bytes(AuditChain.ACTOR_TYPE);
  private static final byte[] C_DATA = bytes(AuditChain.DATA);
  private static final byte[] C_KIND = bytes(AuditChain.KIND);
  private static final byte[] C_SEQ = bytes(AuditChain.SEQ);
  private static final byte[] C_SUBJECT = bytes(AuditChain.SUBJECT);
  private static final byte[] C_TENANT_ID = bytes(AuditChain.TENANT_ID);
  private static final byte[] C_TIME = bytes(AuditChain.TIME);
  private static final byte[] C_END = bytes(AuditChain.END);

  private final MessageDigest sha = Sha256.digest();
  /** Where the members of the line being read start and end; see {@link #exported}. */
  private final int[] at = new int[16];
  /** The recorded hash of the line read last, when it was read as written. */
  private final byte[] recorded = new byte[32];
  /** Whether the line read last took the fast path (and its hash is in {@link #recorded}). */
  private boolean readAsWritten;

  /**
   * @param previousHash the recorded hash the batch's first line chains from (the line before
   *     the batch), or null when that line was not an entry
   */
  Checked check(LineBatches.Batch batch, String previousHash) {
    LineBatches.Lines lines = LineBatches.lines(batch);
    CheckedLine[] out = new CheckedLine[lines.size()];
    byte[] previous = previousHash == null ? null : raw(previousHash);
    for (int i = 0; i < out.length; i++) {
      out[i] = check(batch.bytes(), lines.starts()[i], lines.ends()[i], previous, previousHash);
      previousHash = out[i].entry() ? out[i].hash() : null;
      previous = previousHash == null ? null : readAsWritten ? recorded.clone() : raw(previousHash);
    }
    return new Checked(out, lines);
  }

  /** One line, {@code bytes[from, to)}; {@code previousHash} null leaves its hash to be chained by the caller. */
  CheckedLine check(byte[] bytes, int from, int to, String previousHash) {
    return check(bytes, from, to, previousHash == null ? null : raw(previousHash), previousHash);
  }

  private CheckedLine check(byte[] bytes, int from, int to, byte[] previous, String previousHash) {
    readAsWritten = previous != null && exported(bytes, from, to) && hashesAsWritten(bytes, previous);
    if (readAsWritten) {
      String hash = new String(bytes, to - 66, 64, UTF_8);
      return new CheckedLine(true, seq(bytes), text(bytes, 1), text(bytes, 2), hash, true, hash);
    }
    AuditEntry entry;
    try {
      entry = BundleVerifier.entryLine(new String(bytes, from, to - from, UTF_8));
    } catch (IOException | RuntimeException e) {
      return CheckedLine.NOT_AN_ENTRY;
    }
    String time = AuditChain.formatTime(entry.time());
    if (previousHash == null) return new CheckedLine(true, entry.seq(), entry.tenantId(), time, entry.hash(), false, null);
    String computed = previous == null ? null : HEX.formatHex(digest(previous, AuditChain.canonicalBytes(entry)));
    return new CheckedLine(true, entry.seq(), entry.tenantId(), time, entry.hash(), true, computed);
  }

  /**
   * Whether the line is in the exported form and its recorded hash is SHA-256(previous || its
   * canonical bytes, taken from the line): the fast path alone, which {@link #check} falls back from.
   */
  boolean matchesAsWritten(byte[] bytes, int from, int to, String previousHash) {
    byte[] previous = raw(previousHash);
    return previous != null && exported(bytes, from, to) && hashesAsWritten(bytes, previous);
  }

  /**
   * Whether {@code bytes[from, to)} has the exported layout; if so, {@link #at} holds each
   * member's value as {@code [at[2k], at[2k+1])}: seq, tenantId, time, actor type, actor id,
   * kind, subject (strings with their quotes), data; and {@link #recorded} the recorded hash.
   */
  private boolean exported(byte[] b, int from, int to) {
    if (to - from < SEQ_OPEN.length + HASH_TAIL || !literal(b, from, SEQ_OPEN)) return false;
    int p = from + SEQ_OPEN.length;
    at[0] = p;
    while (p < to && b[p] >= '0' && b[p] <= '9') p++;
    at[1] = p;
    if (p == at[0] || p - at[0] > 18) return false;
    byte[][] opens = {TENANT_OPEN, TIME_OPEN, TYPE_OPEN, ID_OPEN, KIND_OPEN, SUBJECT_OPEN};
    for (int m = 0; m < opens.length; m++) {
      if (!literal(b, p, opens[m])) return false;
      p += opens[m].length;
      int end = plainString(b, p, to);
      if (end < 0) return false;
      at[2 + 2 * m] = p;
      at[3 + 2 * m] = end;
      p = end;
    }
    if (!literal(b, p, DATA_OPEN)) return false;
    p += DATA_OPEN.length;
    int dataEnd = to - HASH_TAIL;
    if (dataEnd - p < 2 || b[p] != '{' || b[dataEnd - 1] != '}' || !literal(b, dataEnd, HASH_OPEN)
        || b[to - 2] != '"' || b[to - 1] != '}') {
      return false;
    }
    at[14] = p;
    at[15] = dataEnd;
    return hex(b, to - 66, recorded);
  }

  /** SHA-256(previous || the canonical bytes from the line's members) equals the recorded hash. */
  private boolean hashesAsWritten(byte[] b, byte[] previous) {
    sha.reset();
    sha.update(previous);
    sha.update(C_ACTOR_ID);
    update(b, 4);
    sha.update(C_ACTOR_TYPE);
    update(b, 3);
    sha.update(C_DATA);
    update(b, 7);
    sha.update(C_KIND);
    update(b, 5);
    sha.update(C_SEQ);
    update(b, 0);
    sha.update(C_SUBJECT);
    update(b, 6);
    sha.update(C_TENANT_ID);
    update(b, 1);
    sha.update(C_TIME);
    update(b, 2);
    sha.update(C_END);
    return Arrays.equals(sha.digest(), recorded);
  }

  private void update(byte[] b, int member) {
    sha.update(b, at[2 * member], at[2 * member + 1] - at[2 * member]);
  }

  private long seq(byte[] b) {
    long seq = 0;
    for (int i = at[0]; i < at[1]; i++) seq = seq * 10 + (b[i] - '0');
    return seq;
  }

  /** A string member's value, without its quotes. */
  private String text(byte[] b, int member) {
    int from = at[2 * member] + 1;
    return new String(b, from, at[2 * member + 1] - 1 - from, UTF_8);
  }

  private byte[] digest(byte[] previous, byte[] canonical) {
    sha.reset();
    sha.update(previous);
    return sha.digest(canonical);
  }

  /**
   * The end (after the closing quote) of a string starting at {@code p} that needs no escape
   * ({@code "}, {@code \} or a control character), whose canonical form is then itself; -1 if
   * there is none.
   */
  private static int plainString(byte[] b, int p, int to) {
    if (p >= to || b[p] != '"') return -1;
    for (int i = p + 1; i < to; i++) {
      byte c = b[i];
      if (c == '"') return i + 1;
      if (c == '\\' || (c >= 0 && c < 0x20)) return -1;
    }
    return -1;
  }

  private static boolean literal(byte[] b, int p, byte[] literal) {
    return Arrays.equals(b, p, p + literal.length, literal, 0, literal.length);
  }

  /** Decodes 64 lowercase hex digits at {@code p} into {@code out}; false when they are not. */
  private static boolean hex(byte[] b, int p, byte[] out) {
    for (int i = 0; i < 32; i++) {
      int hi = nibble(b[p + 2 * i]);
      int lo = nibble(b[p + 2 * i + 1]);
      if (hi < 0 || lo < 0) return false;
      out[i] = (byte) (hi << 4 | lo);
    }
    return true;
  }

  private static int nibble(byte c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  }

  /** The 32 bytes of a hash written as 64 lowercase hex digits, or null when it is not. */
  static byte[] raw(String hash) {
    byte[] text = hash.getBytes(UTF_8);
    byte[] out = new byte[32];
    return text.length == 64 && hex(text, 0, out) ? out : null;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }
}
