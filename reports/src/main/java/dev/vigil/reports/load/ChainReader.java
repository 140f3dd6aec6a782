package dev.vigil.reports.load;

import dev.vigil.collectors.audit.AuditDao;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.ChainBreak;
import dev.vigil.controls.audit.ChainVerifier;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.SignedNote;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.SystemDescription;
import dev.vigil.reports.period.Period;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The chain statement of a period: the range of its entries, verified as they stream past
 * (through a {@link PeriodSink}, which may also write them as the package's audit bundle) from
 * the recorded hash of the entry before the first, the head hash at the last one, and the
 * signed checkpoint at exactly that size, whose note's SHA-256 seeds the samples. The same
 * pass counts the period's decisions and actions for the system description.
 *
 * <p>The period's entries are those recorded in {@code [from, to)}. The chain's times never go
 * back (the verifier checks it), so they are one contiguous range {@code firstSeq..lastSeq}.
 * A period in which nothing was recorded has the empty range {@code lastSeq + 1 .. lastSeq},
 * {@code lastSeq} being the last entry before {@code to}: its checkpoint still covers the
 * period's end. A period before the tenant's first entry has nothing a checkpoint could cover,
 * and is refused.
 */
final class ChainReader {

  /** What the pass over the period's entries found: the chain statement and the activity counted. */
  record Read(ChainStatement statement, SystemDescription.Activity activity) {}

  private final Sources sources;

  ChainReader(Sources sources) {
    this.sources = sources;
  }

  Read read(String tenantId, Period period, PeriodSink sink) throws IOException {
    // Found by bisecting seq (commit times never go back): no index serves a time filter.
    AuditLog log = new AuditLog(sources.jdbi());
    AuditLog.Range range = log.range(tenantId, period.from(), period.to());
    long lastSeq = range.last();
    if (lastSeq < 1) {
      throw new IllegalArgumentException("tenant " + tenantId + " has no audit entry before " + period.to()
          + ": no checkpoint covers the period");
    }
    long firstSeq = range.first();
    String previous = firstSeq == 1 ? AuditChain.GENESIS_HEX : sources.jdbi().withExtension(AuditDao.class,
        dao -> dao.hashAt(tenantId, firstSeq - 1)).orElseThrow(() -> new ChainNotVerified("entry " + (firstSeq - 1)
            + " of tenant " + tenantId + " is missing: the chain before the period cannot be linked"));
    ChainVerifier.Running run = new ChainVerifier.Running(tenantId, previous, firstSeq);
    ActivityCount activity = new ActivityCount();
    long[] lastRead = {firstSeq - 1};
    sink.entries(tenantId, range, e -> {
      run.check(e.meta(), e.canonicalBytes());
      // Stop at the first break: a sink writing a bundle signs a checkpoint once it has read all.
      if (!run.intact()) throw notVerified(tenantId, firstSeq, lastSeq, run.result().breaks());
      activity.accept(e);
      lastRead[0] = e.meta().seq();
    });
    if (lastRead[0] != lastSeq) {
      throw new ChainNotVerified("the audit chain of tenant " + tenantId + " ends at entry " + lastRead[0]
          + " where entry " + lastSeq + " was expected");
    }
    String headHash = run.result().headHash();
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
    ChainStatement statement = new ChainStatement(firstSeq, lastSeq, headHash, checkpoint,
        sources.checkpoints().signer().keyId(), Sha256.hex(checkpoint.note()));
    return new Read(statement, activity.result());
  }

  private static ChainNotVerified notVerified(String tenantId, long firstSeq, long lastSeq, List<ChainBreak> breaks) {
    return new ChainNotVerified("the audit chain of tenant " + tenantId + " does not verify over entries " + firstSeq
        + ".." + lastSeq + ": " + breaks.stream().map(b -> "entry " + b.seq() + ": " + b.reason())
            .collect(Collectors.joining("; ")));
  }
}
