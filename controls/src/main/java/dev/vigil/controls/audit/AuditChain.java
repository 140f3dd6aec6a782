package dev.vigil.controls.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash rule of the audit chain: {@code hash_n = SHA-256(hash_(n-1) || JCS(entry_n))}.
 *
 * <p>The canonical form of an entry is the JCS encoding of the object
 * {@code {"actor":{"id","type"},"data","kind","seq","subject","tenantId","time"}}, where
 * {@code time} is always written as {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. The entry's own hash is
 * not part of it. Stateless and thread-safe.
 */
public final class AuditChain {

  /** The predecessor of the first entry: 32 zero bytes. */
  public static final String GENESIS_HEX = "0".repeat(64);

  private static final DateTimeFormatter TIME_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private AuditChain() {}

  /** The canonical timestamp text of the chain format. */
  public static String formatTime(Instant time) {
    long seconds = time.getEpochSecond();
    if (seconds < 0 || seconds >= LAST_FAST_SECOND) return TIME_FORMAT.format(time);
    // The same text as TIME_FORMAT, written by hand: hashing, verifying and exporting format the time
    // of every entry, millions a year, and the general formatter is slow at that.
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, time.getNano(), ZoneOffset.UTC);
    char[] out = new char[24];
    digits(out, 0, t.getYear(), 4);
    out[4] = '-';
    digits(out, 5, t.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, t.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, t.getHour(), 2);
    out[13] = ':';
    digits(out, 14, t.getMinute(), 2);
    out[16] = ':';
    digits(out, 17, t.getSecond(), 2);
    out[19] = '.';
    digits(out, 20, t.getNano() / 1_000_000, 3);
    out[23] = 'Z';
    return new String(out);
  }

  /** Seconds of 10000-01-01T00:00:00Z: from there on, years have five digits and TIME_FORMAT's sign. */
  private static final long LAST_FAST_SECOND = 253_402_300_800L;

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The JSON object whose JCS encoding is hashed. */
  public static ObjectNode canonicalObject(AuditEntry entry) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode actor = f.objectNode();
    actor.put("type", entry.actor().type());
    actor.put("id", entry.actor().id());
    ObjectNode o = f.objectNode();
    o.put("seq", entry.seq());
    o.put("tenantId", entry.tenantId());
    o.put("time", formatTime(entry.time()));
    o.set("actor", actor);
    o.put("kind", entry.kind());
    o.put("subject", entry.subject());
    o.set("data", entry.data());
    return o;
  }

  /** {@code JCS(entry)}: the bytes that are hashed after the predecessor's hash. */
  public static byte[] canonicalBytes(AuditEntry entry) {
    return CanonicalJson.bytes(canonicalObject(entry));
  }

  /**
   * The same bytes as {@link #canonicalBytes}, assembled around data already in canonical form:
   * the members of the entry object are fixed, so their sorted order is too. For appenders that
   * store {@code dataCanonical} anyway and would otherwise canonicalize data twice.
   */
  public static byte[] canonicalBytes(AuditEntry entry, String dataCanonical) {
    Prepared p = prepare(entry.actor(), entry.kind(), entry.subject(), dataCanonical);
    byte[] seq = seqBytes(entry.seq());
    byte[] tail = tail(entry.tenantId(), entry.time());
    ByteBuffer out = ByteBuffer.allocate(p.head().length + seq.length + p.subject().length + tail.length);
    return out.put(p.head()).put(seq).put(p.subject()).put(tail).array();
  }

  /**
   * The canonical bytes of an entry in the three parts that do not depend on its place in the
   * chain: {@code head} runs up to the seq's value ({@code {"actor":...,"data":...,"kind":...,"seq":}),
   * {@code subject} follows it ({@code ,"subject":"..."}), and {@link #tail} ends it. Appenders
   * prepare them before the chain's single writer numbers the entries.
   */
  public record Prepared(byte[] head, byte[] subject) {}

  /** The parts of an entry's canonical bytes that precede and follow its seq; see {@link Prepared}. */
  public static Prepared prepare(Actor actor, String kind, String subject, String dataCanonical) {
    StringBuilder out = new StringBuilder(dataCanonical.length() + 128);
    appendActor(actor.id(), actor.type(), out);
    out.append(dataCanonical);
    appendKind(kind, out);
    byte[] head = out.toString().getBytes(StandardCharsets.UTF_8);
    out.setLength(0);
    appendSubject(subject, out);
    return new Prepared(head, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The members after the subject, {@code ,"tenantId":"...","time":"..."}: the same for every
   * entry one commit appends.
   */
  public static byte[] tail(String tenantId, Instant time) {
    StringBuilder out = new StringBuilder(80);
    appendTail(tenantId, formatTime(time), out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The canonical object's text around its values, in JCS (sorted) member order: each value
   * follows the fragment of its name, and {@link #END} closes the object. Written here once for
   * the appenders' builders and for readers that hash an entry from text already canonical.
   */
  static final String ACTOR_ID = "{\"actor\":{\"id\":";
  static final String ACTOR_TYPE = ",\"type\":";
  static final String DATA = "},\"data\":";
  static final String KIND = ",\"kind\":";
  static final String SEQ = ",\"seq\":";
  static final String SUBJECT = ",\"subject\":";
  static final String TENANT_ID = ",\"tenantId\":";
  static final String TIME = ",\"time\":";
  static final String END = "}";

  private static void appendActor(String id, String type, StringBuilder out) {
    out.append(ACTOR_ID);
    CanonicalJson.appendString(id, out);
    out.append(ACTOR_TYPE);
    CanonicalJson.appendString(type, out);
    out.append(DATA);
  }

  private static void appendKind(String kind, StringBuilder out) {
    out.append(KIND);
    CanonicalJson.appendString(kind, out);
    out.append(SEQ);
  }

  private static void appendSubject(String subject, StringBuilder out) {
    out.append(SUBJECT);
    CanonicalJson.appendString(subject, out);
  }

  private static void appendTail(String tenantId, String time, StringBuilder out) {
    out.append(TENANT_ID);
    CanonicalJson.appendString(tenantId, out);
    out.append(TIME);
    CanonicalJson.appendString(time, out);
    out.append(END);
  }

  /**
   * {@code SHA-256(previous || head || seq || subject || tail)}: the raw hash of a prepared
   * entry given its predecessor's raw hash, computed with {@code sha} (which it resets).
   */
  public static byte[] hash(MessageDigest sha, byte[] previous, Prepared entry, long seq, byte[] tail) {
    sha.reset();
    sha.update(previous);
    sha.update(entry.head());
    sha.update(seqBytes(seq));
    sha.update(entry.subject());
    sha.update(tail);
    return sha.digest();
  }

  private static byte[] seqBytes(long seq) {
    return Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
  }

  /** The hex hash of {@code entry} given the hex hash of its predecessor. */
  public static String nextHash(String previousHashHex, AuditEntry entry) {
    return hash(previousHashHex, canonicalBytes(entry));
  }

  /** {@code SHA-256(previous || canonical)} in hex. */
  public static String hash(String previousHashHex, byte[] canonical) {
    MessageDigest sha = Sha256.digest();
    sha.update(HEX.parseHex(previousHashHex));
    sha.update(canonical);
    return HEX.formatHex(sha.digest());
  }
}
