package dev.vigil.reports.pack;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Writes the audit export bundle of a tenant's entries committed in {@code [from, to)}, as
 * {@code GET /audit/export} does: the collectors' {@code Exporter::export}.
 */
@FunctionalInterface
public interface AuditExport {

  void export(String tenantId, Instant from, Instant to, OutputStream out) throws IOException;
}
