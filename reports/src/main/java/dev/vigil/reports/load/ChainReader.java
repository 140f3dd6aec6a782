package dev.vigil.reports.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AuditDao;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.ChainBreak;
import dev.vigil.controls.audit.ChainVerifier;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.SignedNote;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.SystemDescription;
import dev.vigil.reports.period.Period;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The chain statement of a period: the range of its entries, verified as they stream past
 * (through a {@link PeriodSink}, which may also write them as the package's audit bundle) from
 * the recorded hash of the entry before the first, the head hash at the last one, and the
 * signed checkpoint at exactly that size, whose note's SHA-256 seeds the samples. The same
 * pass counts the period's decisions and actions for the system description and keeps the
 * entries about the sampled members, so the period's entries are read once.
 *
 * <p>In two steps: {@link #start} finds the range and the checkpoint (so the samples can be
 * drawn with its seed while the controls are read), {@link #verify} makes the pass.
 *
 * <p>The period's entries are those recorded in {@code [from, to)}. The chain's times never go
 * back (the verifier checks it), so they are one contiguous range {@code firstSeq..lastSeq}.
 * A period in which nothing was recorded has the empty range {@code lastSeq + 1 .. lastSeq},
 * {@code lastSeq} being the last entry before {@code to}: its checkpoint still covers the
 * period's end. A period before the tenant's first entry has nothing a checkpoint could cover,
 * and is refused.
 */
final class ChainReader {

  /** The most chain entries kept per sampled member; the PDF prints up to 25 of them. */
  static final int ENTRIES_PER_MEMBER = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The period's range, the hash it chains from and the checkpoint at its end, before the pass. */
  record Start(String tenantId, AuditLog.Range range, String previousHash, Checkpoint checkpoint) {

    /** The samples' seed: the SHA-256 of the checkpoint's signed note. */
    String sampleSeed() {
      return Sha256.hex(checkpoint.note());
    }
  }

  /**
   * What the pass over the period's entries found: the chain statement, the activity counted and
   * each sampled member's entries (oldest first, at most {@link #ENTRIES_PER_MEMBER}).
   */
  record Read(ChainStatement statement, SystemDescription.Activity activity, Map<String, List<AuditEntry>> entries) {}

  private final Sources sources;

  ChainReader(Sources sources) {
    this.sources = sources;
  }

  /**
   * The range of the period's entries and the checkpoint at its last one, signed now if there is
   * none (signing is idempotent per size, so a period always gets the same checkpoint and seed).
   */
  Start start(String tenantId, Period period) {
    // Found by bisecting seq (commit times never go back): no index serves a time filter.
    AuditLog.Range range = new AuditLog(sources.jdbi()).range(tenantId, period.from(), period.to());
    long lastSeq = range.last();
    if (lastSeq < 1) {
      throw new IllegalArgumentException("tenant " + tenantId + " has no audit entry before " + period.to()
          + ": no checkpoint covers the period");
    }
    long firstSeq = range.first();
    String previous = firstSeq == 1 ? AuditChain.GENESIS_HEX : sources.jdbi().withExtension(AuditDao.class,
        dao -> dao.hashAt(tenantId, firstSeq - 1)).orElseThrow(() -> new ChainNotVerified("entry " + (firstSeq - 1)
            + " of tenant " + tenantId + " is missing: the chain before the period cannot be linked"));
    return new Start(tenantId, range, previous, sources.checkpoints().ensureAt(tenantId, lastSeq));
  }

  /**
   * Streams the period's entries through {@code sink}, verifying each, and checks the
   * checkpoint against the head it reached; keeps the entries whose subject is one of
   * {@code sampled}.
   */
  Read verify(Start start, PeriodSink sink, Set<String> sampled) throws IOException {
    String tenantId = start.tenantId();
    long firstSeq = start.range().first();
    long lastSeq = start.range().last();
    ChainVerifier.Running run = new ChainVerifier.Running(tenantId, start.previousHash(), firstSeq);
    ActivityCount activity = new ActivityCount();
    Map<String, List<AuditEntry>> entries = new HashMap<>();
    long[] lastRead = {firstSeq - 1};
    sink.entries(tenantId, start.range(), e -> {
      run.check(e.meta(), e.canonicalBytes());
      // Stop at the first break: nothing after it needs reading or writing.
      if (!run.intact()) throw notVerified(tenantId, firstSeq, lastSeq, run.result().breaks());
      activity.accept(e);
      if (sampled.contains(e.meta().subject())) {
        List<AuditEntry> kept = entries.computeIfAbsent(e.meta().subject(), k -> new ArrayList<>());
        if (kept.size() < ENTRIES_PER_MEMBER) kept.add(withData(e));
      }
      lastRead[0] = e.meta().seq();
    });
    if (lastRead[0] != lastSeq) {
      throw new ChainNotVerified("the audit chain of tenant " + tenantId + " ends at entry " + lastRead[0]
          + " where entry " + lastSeq + " was expected");
    }
    String headHash = run.result().headHash();
    Checkpoint checkpoint = start.checkpoint();
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
        sources.checkpoints().signer().keyId(), start.sampleSeed());
    return new Read(statement, activity.result(), entries);
  }

  /** The entry with its data parsed: only the sampled members' few are. */
  private static AuditEntry withData(AuditLog.StoredEntry e) {
    AuditEntry m = e.meta();
    try {
      return new AuditEntry(m.seq(), m.tenantId(), m.time(), m.actor(), m.kind(), m.subject(), (ObjectNode) JSON.readTree(e.data()),
          m.hash());
    } catch (JsonProcessingException x) {
      throw new ChainNotVerified("entry " + m.seq() + " of tenant " + m.tenantId() + " has data that is not JSON");
    }
  }

  private static ChainNotVerified notVerified(String tenantId, long firstSeq, long lastSeq, List<ChainBreak> breaks) {
    return new ChainNotVerified("the audit chain of tenant " + tenantId + " does not verify over entries " + firstSeq
        + ".." + lastSeq + ": " + breaks.stream().map(b -> "entry " + b.seq() + ": " + b.reason())
            .collect(Collectors.joining("; ")));
  }
}
