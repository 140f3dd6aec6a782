package dev.vigil.collectors.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of audit entries after their transaction commits: the change triggers of the
 * controls. Every change is audited, so this one hook sees every change. A listener must be
 * quick and must not throw; a failing one is logged and the others still hear. Thread-safe.
 */
public final class AuditListeners {

  private static final Logger LOG = LoggerFactory.getLogger(AuditListeners.class);

  private final List<BiConsumer<String, List<PendingEntry>>> listeners = new CopyOnWriteArrayList<>();

  /** Adds a listener of (tenant id, the committed entries as they were appended, in order). */
  public void add(BiConsumer<String, List<PendingEntry>> listener) {
    listeners.add(listener);
  }

  void committed(String tenantId, List<PendingEntry> entries) {
    for (BiConsumer<String, List<PendingEntry>> l : listeners) {
      try {
        l.accept(tenantId, entries);
      } catch (RuntimeException e) {
        LOG.error("an audit listener failed for tenant {}", tenantId, e);
      }
    }
  }
}
