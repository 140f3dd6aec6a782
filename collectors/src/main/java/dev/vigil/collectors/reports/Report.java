package dev.vigil.collectors.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.vigil.controls.audit.Actor;
import java.time.Instant;
import java.util.List;

/**
 * A report of one tenant's period {@code [from, to)}: its state, and once done its page count
 * and files. {@code reason} says why it failed.
 */
public record Report(
    @JsonIgnore String tenantId,
    String id,
    String title,
    Instant from,
    Instant to,
    ReportStatus status,
    double progress,
    String reason,
    Integer pages,
    List<ReportFile> files,
    Actor requestedBy,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {

  public Report {
    files = List.copyOf(files);
  }
}
