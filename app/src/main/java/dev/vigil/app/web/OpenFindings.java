package dev.vigil.app.web;

import dev.vigil.collectors.monitoring.Finding;
import java.time.Instant;
import java.util.Map;

/**
 * The open findings about one member that its page lists (a vendor, a connection, an
 * incident), with their owners' names and whether each is overdue at {@code now}.
 */
public record OpenFindings(Paged<Finding> list, Map<String, String> owners, Instant now) {

  public String severity(Finding f) {
    return Findings.severityLabel(f.severity());
  }

  public String owner(String id) {
    return id == null ? "—" : owners.getOrDefault(id, id);
  }

  public boolean overdue(Finding f) {
    return f.overdueAt(now);
  }
}
