package dev.vigil.app.web;

import dev.vigil.collectors.reports.Report;
import dev.vigil.collectors.reports.ReportFile;
import dev.vigil.collectors.reports.ReportStatus;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Locale;

/**
 * A report as the pages show it: its state in words (never in colour alone), its progress, and
 * once done its files with their sizes and download links.
 */
public record ReportSummary(Report report) {

  /** One of a finished report's files. */
  public record File(String name, String label, String size, String sha256, String href) {}

  public String id() {
    return report.id();
  }

  public String title() {
    return report.title() == null ? "Untitled report" : report.title();
  }

  public Status status() {
    return switch (report.status()) {
      case QUEUED -> new Status("na", "Queued");
      case RUNNING -> new Status("notrun", "Running");
      case DONE -> new Status("passing", "Done");
      case FAILED -> new Status("failing", "Failed");
    };
  }

  /** Whether generation is over, done or failed: nothing on the page changes any more. */
  public boolean finished() {
    return report.status() == ReportStatus.DONE || report.status() == ReportStatus.FAILED;
  }

  /** How far generation got, in whole percent. */
  public int percent() {
    return report.status() == ReportStatus.DONE ? 100 : (int) Math.floor(report.progress() * 100);
  }

  /** The files, in the order the API names them; none until the report is done. */
  public List<File> files() {
    return report.files().stream().map(f -> new File(f.name(), label(f.name()), size(f.bytes()), f.sha256(),
        UriBuilder.fromPath("/reports/{id}/{file}").build(report.id(), f.name()).toString())).toList();
  }

  /** The files' sizes in a line ("PDF 1.2 MB · package 85 KB · OSCAL 40 KB"); an em dash before they exist. */
  public String sizes() {
    if (report.files().isEmpty()) return "—";
    return String.join(" · ", report.files().stream().map(f -> shortLabel(f.name()) + " " + size(f.bytes()))
        .toList());
  }

  private static String label(String name) {
    return switch (name) {
      case ReportFile.PDF -> "The report (PDF/A)";
      case ReportFile.PACKAGE -> "The signed evidence package (ZIP)";
      case ReportFile.OSCAL -> "OSCAL assessment results (JSON)";
      default -> name;
    };
  }

  private static String shortLabel(String name) {
    return switch (name) {
      case ReportFile.PDF -> "PDF";
      case ReportFile.PACKAGE -> "package";
      case ReportFile.OSCAL -> "OSCAL";
      default -> name;
    };
  }

  /** A size as people read it: "512 B", "85 KB", "1.2 MB". */
  static String size(long bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return Math.round(bytes / 1024.0) + " KB";
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
