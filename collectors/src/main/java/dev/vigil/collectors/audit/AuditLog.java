package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.ChainBreak;
import dev.vigil.controls.audit.ChainVerification;
import dev.vigil.controls.audit.ChainVerifier;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Reads a tenant's chain back, and verifies it from its first entry. Thread-safe. */
public final class AuditLog {

  private static final int VERIFY_PAGE = 5_000;

  private final Jdbi jdbi;

  public AuditLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Up to {@code limit} entries with seq greater than {@code afterSeq}, in order. */
  public List<AuditEntry> after(String tenantId, long afterSeq, int limit) {
    return jdbi.withExtension(AuditDao.class, dao -> dao.after(tenantId, afterSeq, limit));
  }

  /** The predecessor hash of the entry {@code seq}: genesis for seq 1. */
  public String hashBefore(String tenantId, long seq) {
    if (seq <= 1) return AuditChain.GENESIS_HEX;
    return jdbi.withExtension(AuditDao.class, dao -> dao.hashAt(tenantId, seq - 1))
        .orElseThrow(() -> new IllegalStateException("entry " + (seq - 1) + " is missing"));
  }

  /** Verifies the whole chain, page by page, and checks it ends at the recorded head. */
  public ChainVerification verify(String tenantId) {
    Head head = jdbi.withExtension(AuditDao.class, dao -> dao.head(tenantId))
        .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no audit chain"));
    String previous = AuditChain.GENESIS_HEX;
    long next = 1;
    long checked = 0;
    List<ChainBreak> breaks = new ArrayList<>();
    while (next <= head.seq()) {
      List<AuditEntry> page = after(tenantId, next - 1, VERIFY_PAGE);
      if (page.isEmpty()) break;
      ChainVerification v = ChainVerifier.verify(tenantId, previous, next, page);
      breaks.addAll(v.breaks());
      checked += v.checked();
      previous = v.headHash();
      next = page.get(page.size() - 1).seq() + 1;
    }
    if (next - 1 != head.seq() || !previous.equals(head.hash())) {
      breaks.add(new ChainBreak(head.seq(),
          "the chain ends at seq " + (next - 1) + " but its head says " + head.seq()
              + " (entries were cut from the tail)"));
    }
    return new ChainVerification(checked, previous, breaks);
  }
}
