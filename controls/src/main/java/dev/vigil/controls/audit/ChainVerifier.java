package dev.vigil.controls.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a contiguous run of one tenant's audit entries.
 *
 * <p>Each entry must have the next sequence number, belong to the expected tenant, carry
 * the hash that {@link AuditChain#nextHash} computes from its predecessor's recorded hash, and
 * have a time no earlier than its predecessor's (the chain promises it, so that a time window
 * is a range of sequence numbers).
 * Verification continues past a break, chaining from the recorded hash, so that every
 * altered, inserted, deleted or reordered entry is named, not just the first. Stateless.
 */
public final class ChainVerifier {

  private ChainVerifier() {}

  /**
   * @param tenantId the tenant whose chain this is
   * @param previousHashHex the recorded hash of the entry before the run
   *     ({@link AuditChain#GENESIS_HEX} when the run starts at seq 1)
   * @param firstSeq the sequence number the run must start with
   * @param entries the run, in the order it was stored or exported
   */
  public static ChainVerification verify(
      String tenantId, String previousHashHex, long firstSeq, List<AuditEntry> entries) {
    Running run = new Running(tenantId, previousHashHex, firstSeq);
    for (AuditEntry entry : entries) run.check(entry, AuditChain.canonicalBytes(entry));
    return run.result();
  }

  /**
   * The same checks one entry at a time, for streaming through a chain too long to hold.
   * Not thread-safe.
   */
  public static final class Running {
    /** How many breaks a result lists at most. */
    public static final int LISTED = 1000;
    private final String tenantId;
    private final List<ChainBreak> breaks = new ArrayList<>();
    private long unlisted;
    private String previous;
    private String previousTime;
    private long expectedSeq;
    private long checked;

    public Running(String tenantId, String previousHashHex, long firstSeq) {
      this.tenantId = tenantId;
      this.previous = previousHashHex;
      this.expectedSeq = firstSeq;
    }

    /**
     * Checks the next entry.
     *
     * @param canonical the entry's canonical bytes ({@link AuditChain#canonicalBytes}); a
     *     streaming reader may assemble them around the data text as stored
     */
    public void check(AuditEntry entry, byte[] canonical) {
      check(entry.seq(), entry.tenantId(), AuditChain.formatTime(entry.time()), entry.hash(),
          AuditChain.hash(previous, canonical));
    }

    /**
     * The same checks for an entry its reader has hashed already, chained from
     * {@link #previousHash()}.
     *
     * @param time the entry's time in the chain's text form ({@link AuditChain#formatTime})
     * @param computed the hash computed for it, or null when the previous hash was not one to
     *     chain from (64 hex digits)
     */
    public void check(long seq, String entryTenantId, String time, String recordedHash, String computed) {
      if (seq != expectedSeq) {
        add(new ChainBreak(seq,
            "expected seq " + expectedSeq + " but found " + seq + " (an entry was deleted, inserted or moved)"));
      }
      if (!entryTenantId.equals(tenantId)) {
        add(new ChainBreak(seq, "belongs to tenant " + entryTenantId + ", not " + tenantId));
      }
      if (previousTime != null && earlier(time, previousTime)) {
        add(new ChainBreak(seq, "time " + time + " is earlier than the previous entry's " + previousTime));
      }
      previousTime = time;
      if (computed == null) {
        add(new ChainBreak(seq, "cannot be chained: the previous entry's recorded hash " + previous
            + " is not 64 hex digits"));
      } else if (recordedHash == null || !computed.equals(recordedHash)) {
        add(new ChainBreak(seq, "recorded hash " + recordedHash + " does not match computed " + computed
            + " (the entry or its predecessor was altered)"));
      }
      previous = recordedHash == null ? computed : recordedHash;
      expectedSeq = seq + 1;
      checked++;
    }

    /**
     * Keeps the first {@link #LISTED} breaks and counts the rest: a chain of millions of
     * altered entries is reported in bounded memory, and the first breaks say where.
     */
    private void add(ChainBreak b) {
      if (breaks.size() < LISTED) {
        breaks.add(b);
      } else {
        unlisted++;
      }
    }

    /** The recorded hash the next entry chains from. */
    public String previousHash() {
      return previous;
    }

    /** Whether every entry checked so far verified. */
    public boolean intact() {
      return breaks.isEmpty();
    }

    /**
     * Whether {@code time} is before {@code previous}, both in the chain's text form: as text
     * while both have four-digit years (the form sorts as time does there), else as instants.
     */
    private static boolean earlier(String time, String previous) {
      if (time.length() == 24 && previous.length() == 24) return time.compareTo(previous) < 0;
      return Instant.parse(time).isBefore(Instant.parse(previous));
    }

    public ChainVerification result() {
      if (unlisted == 0) return new ChainVerification(checked, previous, breaks);
      List<ChainBreak> all = new ArrayList<>(breaks);
      all.add(new ChainBreak(expectedSeq - 1, unlisted + " more breaks, not listed (the first " + LISTED + " are)"));
      return new ChainVerification(checked, previous, all);
    }
  }
}
