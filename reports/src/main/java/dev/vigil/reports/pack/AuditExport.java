package dev.vigil.reports.pack;

import dev.vigil.collectors.audit.AuditLog;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Writes the audit export bundle of a tenant's entries {@code range.first()..range.last()} as
 * {@code GET /audit/export} does (the collectors' {@code Exporter::export}), handing each entry
 * to {@code tap} as it is written.
 */
@FunctionalInterface
public interface AuditExport {

  void export(String tenantId, AuditLog.Range range, OutputStream out, Consumer<AuditLog.StoredEntry> tap)
      throws IOException;
}
