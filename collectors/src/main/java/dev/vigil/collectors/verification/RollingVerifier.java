package dev.vigil.collectors.verification;

import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.Head;
import dev.vigil.collectors.db.Constraints;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.ChainBreak;
import dev.vigil.controls.audit.ChainVerification;
import dev.vigil.controls.catalog.Facts.ChainScope;
import dev.vigil.controls.catalog.Facts.SeqRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Verifies a tenant's chain from where the last run left it. Each run (1) checks that the last
 * verified entry (the watermark) still has the hash it had, which catches a history rewritten
 * below it and re-hashed forward at once; (2) verifies the entries appended since, chained
 * from that remembered hash, up to the head; (3) re-verifies the next slice of the older
 * entries, chained from the stored hash of the entry before it, as part of a rolling pass that
 * reaches the watermark within the configured period and then starts again from entry 1. An
 * edit that leaves the watermark alone is caught when the pass next reaches it, within one
 * period. Without a saved state (a first run, or the row deleted) the run verifies the whole
 * chain from its first entry.
 *
 * <p>A run saves only what verified: a break holds the watermark or the pass where it was, so
 * every later run finds the break again until the chain is restored; a watermark that no longer
 * holds saves nothing. The save is one compare-and-set on the state's version, made after the
 * verification: of two runs that read the same state (two nodes sweeping at once) the first to
 * save wins and the other keeps its findings but not its progress, so the state never moves
 * back or past what a run verified. Thread-safe.
 */
public final class RollingVerifier {

  /** The least a run re-verifies: a chain this short is re-verified whole every run. */
  public static final long MINIMUM_SLICE = 10_000;

  private final Jdbi jdbi;
  private final AuditLog auditLog;
  private final long minimumSlice;

  public RollingVerifier(Jdbi jdbi, AuditLog auditLog) {
    this(jdbi, auditLog, MINIMUM_SLICE);
  }

  /** A verifier whose slices are at least {@code minimumSlice} entries: tests take small ones. */
  public RollingVerifier(Jdbi jdbi, AuditLog auditLog, long minimumSlice) {
    if (minimumSlice < 1) throw new IllegalArgumentException("a slice holds at least one entry");
    this.jdbi = jdbi;
    this.auditLog = auditLog;
    this.minimumSlice = minimumSlice;
  }

  /**
   * Verifies {@code tenantId}'s chain as of {@code now}, a slice sized so that the rolling pass
   * covers the chain within {@code period} at one run every {@code interval}, and saves the
   * progress.
   *
   * @throws IllegalStateException when the tenant has no audit chain
   */
  public ChainCheck verify(String tenantId, Instant now, Duration interval, Duration period) {
    Head head = auditLog.head(tenantId)
        .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no audit chain"));
    Optional<VerificationState> stored = jdbi.withExtension(VerificationStateDao.class, dao -> dao.find(tenantId));
    VerificationState was = stored.orElse(VerificationState.NONE);
    List<ChainBreak> breaks = new ArrayList<>();
    long anchor = was.verifiedSeq();

    // All three steps run whatever the others find, so that a run names every break it can.
    boolean anchored = watermarkHolds(tenantId, was, head, breaks);
    SeqRange appended = anchor < head.seq() ? new SeqRange(anchor + 1, head.seq()) : SeqRange.NONE;
    boolean appendedOk = anchor <= head.seq() && appended(tenantId, was, head, breaks) && anchored;
    long verifiedSeq = appendedOk ? head.seq() : anchor;
    String verifiedHash = appendedOk ? head.hash() : was.verifiedHash();

    long bound = Math.min(anchor, head.seq());
    // A pass position past the watermark cannot come from a run; the pass then starts again.
    long from = was.passNextSeq() <= bound ? was.passNextSeq() : 1;
    Instant passStart = was.passStartedAt() == null || from != was.passNextSeq() ? now : was.passStartedAt();
    SeqRange slice = SeqRange.NONE;
    boolean passDone = anchor == 0 && appendedOk && head.seq() > 0;
    boolean sliceOk = false;
    if (bound > 0) {
      long size = SliceSize.of(bound - from + 1, passStart, now, interval, period, minimumSlice);
      slice = new SeqRange(from, Math.min(bound, from + size - 1));
      sliceOk = slice(tenantId, slice, breaks);
      passDone = sliceOk && slice.last() == anchor;
    }

    long version = was.version() + 1;
    VerificationState next;
    if (passDone) {
      next = new VerificationState(verifiedSeq, verifiedHash, 1, null, verifiedSeq, anchor == 0 ? now : passStart,
          now, version);
    } else if (sliceOk) {
      next = new VerificationState(verifiedSeq, verifiedHash, slice.last() + 1, passStart, was.wholeSeq(),
          was.wholeStartedAt(), was.wholeFinishedAt(), version);
    } else {
      next = new VerificationState(verifiedSeq, verifiedHash, was.passNextSeq(), was.passStartedAt(), was.wholeSeq(),
          was.wholeStartedAt(), was.wholeFinishedAt(), version);
    }
    boolean saved = anchored && !was.sameProgress(next) && save(tenantId, stored.isPresent(), was, next, now);
    ChainScope scope = new ChainScope(anchor, appended, slice, slice.isEmpty() ? null : passStart,
        next.wholeSeq() == 0 ? SeqRange.NONE : new SeqRange(1, next.wholeSeq()), next.wholeStartedAt(),
        next.wholeFinishedAt());
    return new ChainCheck(head.seq(), breaks, scope, saved);
  }

  /** Whether the watermark still stands: its entry is there with the hash it verified with. */
  private boolean watermarkHolds(String tenantId, VerificationState was, Head head, List<ChainBreak> breaks) {
    long w = was.verifiedSeq();
    if (w == 0) return true;
    if (w > head.seq()) {
      breaks.add(new ChainBreak(w, "entries up to seq " + w + " verified earlier, but the chain's head is now at seq "
          + head.seq() + " (entries were cut from the tail)"));
      return false;
    }
    Optional<String> hash = auditLog.hashAt(tenantId, w);
    if (hash.isEmpty()) {
      breaks.add(new ChainBreak(w, "is missing, though it verified earlier (an entry was deleted)"));
      return false;
    }
    if (!hash.get().equals(was.verifiedHash())) {
      breaks.add(new ChainBreak(w, "its stored hash " + hash.get() + " differs from " + was.verifiedHash()
          + ", the hash it verified with earlier (the history up to it was rewritten)"));
      return false;
    }
    return true;
  }

  /** Verifies the entries after the watermark up to the head, which must end them; whether they verified. */
  private boolean appended(String tenantId, VerificationState was, Head head, List<ChainBreak> breaks) {
    ChainVerification v = auditLog.verifyToHead(tenantId, was.verifiedHash(), was.verifiedSeq() + 1, head);
    breaks.addAll(v.breaks());
    return v.intact();
  }

  /** Re-verifies {@code slice}, chained from the stored hash of the entry before it; whether it verified. */
  private boolean slice(String tenantId, SeqRange slice, List<ChainBreak> breaks) {
    Optional<String> previous = slice.first() == 1 ? Optional.of(AuditChain.GENESIS_HEX)
        : auditLog.hashAt(tenantId, slice.first() - 1);
    if (previous.isEmpty()) {
      breaks.add(new ChainBreak(slice.first() - 1, "is missing, though it verified earlier (an entry was deleted)"));
      return false;
    }
    AuditLog.RangeCheck c = auditLog.verify(tenantId, previous.get(), slice.first(), slice.last());
    breaks.addAll(c.verification().breaks());
    if (c.lastRead() != slice.last()) {
      breaks.add(new ChainBreak(c.lastRead() + 1, "is missing: entries up to seq " + slice.last()
          + " verified earlier, but they now end at seq " + c.lastRead() + " (entries were deleted)"));
      return false;
    }
    return c.verification().intact();
  }

  /** Saves {@code next} if the state is still {@code was}; whether it did. */
  private boolean save(String tenantId, boolean exists, VerificationState was, VerificationState next, Instant at) {
    return jdbi.withExtension(VerificationStateDao.class, dao -> {
      if (exists) return dao.update(tenantId, was.version(), next, at) == 1;
      try {
        dao.insert(tenantId, next, at);
        return true;
      } catch (RuntimeException e) {
        if (!Constraints.isUniqueViolation(e)) throw e;
        return false; // another run saved its first verification first
      }
    });
  }
}
