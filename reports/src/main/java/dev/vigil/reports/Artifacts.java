package dev.vigil.reports;

import dev.vigil.collectors.reports.ReportFile;
import java.util.List;

/**
 * What generating a report wrote: the PDF's page count and each file ({@link ReportFile#NAMES})
 * with its size and SHA-256, as {@code GET /reports/{id}} shows them.
 */
public record Artifacts(int pages, List<ReportFile> files) {

  public Artifacts {
    files = List.copyOf(files);
  }
}
