package dev.vigil.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.collectors.reports.Report;
import dev.vigil.collectors.reports.ReportFile;
import dev.vigil.collectors.reports.ReportStatus;
import dev.vigil.controls.audit.Actor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A report as the API shows it: its period and state, and once done its page count and each
 * file's size and SHA-256 by download name (absent until then); {@code reason} when it failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportBody(String id, String title, Instant from, Instant to, ReportStatus status, double progress,
    String reason, Integer pages, Map<String, FileBody> files, Actor requestedBy, Instant createdAt,
    Instant startedAt, Instant finishedAt) {

  /** One file's size and hash. */
  public record FileBody(long bytes, String sha256) {}

  public static ReportBody of(Report r) {
    Map<String, FileBody> files = new LinkedHashMap<>();
    for (ReportFile f : r.files()) files.put(f.name(), new FileBody(f.bytes(), f.sha256()));
    return new ReportBody(r.id(), r.title(), r.from(), r.to(), r.status(), r.progress(), r.reason(), r.pages(),
        files.isEmpty() ? null : files, r.requestedBy(), r.createdAt(), r.startedAt(), r.finishedAt());
  }
}
