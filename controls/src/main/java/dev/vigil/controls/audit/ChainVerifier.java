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
    private final String tenantId;
    private final List<ChainBreak> breaks = new ArrayList<>();
    private String previous;
    private Instant previousTime;
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
      if (entry.seq() != expectedSeq) {
        breaks.add(new ChainBreak(entry.seq(),
            "expected seq " + expectedSeq + " but found " + entry.seq()
                + " (an entry was deleted, inserted or moved)"));
      }
      if (!entry.tenantId().equals(tenantId)) {
        breaks.add(new ChainBreak(entry.seq(),
            "belongs to tenant " + entry.tenantId() + ", not " + tenantId));
      }
      if (previousTime != null && entry.time().isBefore(previousTime)) {
        breaks.add(new ChainBreak(entry.seq(), "time " + AuditChain.formatTime(entry.time())
            + " is earlier than the previous entry's " + AuditChain.formatTime(previousTime)));
      }
      previousTime = entry.time();
      String computed = AuditChain.hash(previous, canonical);
      if (entry.hash() == null || !computed.equals(entry.hash())) {
        breaks.add(new ChainBreak(entry.seq(),
            "recorded hash " + entry.hash() + " does not match computed " + computed
                + " (the entry or its predecessor was altered)"));
      }
      previous = entry.hash() == null ? computed : entry.hash();
      expectedSeq = entry.seq() + 1;
      checked++;
    }

    /** Whether every entry checked so far verified. */
    public boolean intact() {
      return breaks.isEmpty();
    }

    public ChainVerification result() {
      return new ChainVerification(checked, previous, breaks);
    }
  }
}
