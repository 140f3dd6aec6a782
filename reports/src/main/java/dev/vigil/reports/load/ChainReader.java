package dev.vigil.reports.load;

import dev.vigil.collectors.audit.AuditDao;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.ChainBreak;
import dev.vigil.controls.audit.ChainVerification;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.SignedNote;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.period.Period;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The chain statement of a period: the range of its entries, verified by streaming them in
 * pages from the recorded hash of the entry before the first, the head hash at the last one,
 * and the signed checkpoint at exactly that size, whose note's SHA-256 seeds the samples.
 *
 * <p>The period's entries are those recorded in {@code [from, to)}. The chain's times never go
 * back (the verifier checks it), so they are one contiguous range {@code firstSeq..lastSeq}.
 * A period in which nothing was recorded has the empty range {@code lastSeq + 1 .. lastSeq},
 * {@code lastSeq} being the last entry before {@code to}: its checkpoint still covers the
 * period's end. A period before the tenant's first entry has nothing a checkpoint could cover,
 * and is refused.
 */
final class ChainReader {

  private final Sources sources;

  ChainReader(Sources sources) {
    this.sources = sources;
  }

  ChainStatement read(String tenantId, Period period) {
    // Found by bisecting seq (commit times never go back): no index serves a time filter.
    AuditLog.Range range = new AuditLog(sources.jdbi()).range(tenantId, period.from(), period.to());
    long lastSeq = range.last();
    if (lastSeq < 1) {
      throw new IllegalArgumentException("tenant " + tenantId + " has no audit entry before " + period.to()
          + ": no checkpoint covers the period");
    }
    long firstSeq = range.first();
    ChainVerification verification = verify(tenantId, firstSeq, lastSeq);
    if (!verification.intact()) {
      throw new ChainNotVerified("the audit chain of tenant " + tenantId + " does not verify over entries " + firstSeq
          + ".." + lastSeq + ": " + describe(verification.breaks()));
    }
    String headHash = verification.headHash();
    Checkpoint checkpoint = sources.checkpoints().ensureAt(tenantId, lastSeq);
    if (!checkpoint.headHash().equals(headHash)) {
      throw new ChainNotVerified("the checkpoint of tenant " + tenantId + " at size " + lastSeq + " signs head hash "
          + checkpoint.headHash() + " but entry " + lastSeq + " has hash " + headHash);
    }
    byte[] publicKey = sources.checkpoints().signer().publicKey();
    if (!SignedNote.verify(checkpoint.note(), Checkpoint.KEY_NAME, publicKey)) {
      throw new ChainNotVerified("the checkpoint of tenant " + tenantId + " at size " + lastSeq
          + " is not signed by this service's checkpoint key");
    }
    return new ChainStatement(firstSeq, lastSeq, headHash, checkpoint, sources.checkpoints().signer().keyId(),
        Sha256.hex(checkpoint.note()));
  }

  /**
   * Entries {@code firstSeq..lastSeq} checked in one streamed pass over their data text as
   * stored ({@link AuditLog#verify(String, String, long, long)}): reading entries as objects and
   * writing each back to canonical bytes took most of a year's verification. The empty range
   * checks nothing.
   */
  private ChainVerification verify(String tenantId, long firstSeq, long lastSeq) {
    String previous = firstSeq == 1 ? AuditChain.GENESIS_HEX : sources.jdbi().withExtension(AuditDao.class,
        dao -> dao.hashAt(tenantId, firstSeq - 1)).orElseThrow(() -> new ChainNotVerified("entry " + (firstSeq - 1)
            + " of tenant " + tenantId + " is missing: the chain before the period cannot be linked"));
    AuditLog.RangeCheck check = new AuditLog(sources.jdbi()).verify(tenantId, previous, firstSeq, lastSeq);
    ChainVerification result = check.verification();
    if (check.lastRead() != lastSeq && result.intact()) {
      throw new ChainNotVerified("the audit chain of tenant " + tenantId + " ends at entry " + check.lastRead()
          + " where entry " + lastSeq + " was expected");
    }
    return result;
  }

  private static String describe(List<ChainBreak> breaks) {
    return breaks.stream().limit(20).map(b -> "entry " + b.seq() + ": " + b.reason())
        .collect(Collectors.joining("; ")) + (breaks.size() > 20 ? "; and " + (breaks.size() - 20) + " more" : "");
  }
}
