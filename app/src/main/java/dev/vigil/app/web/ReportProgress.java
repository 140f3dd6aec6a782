package dev.vigil.app.web;

/**
 * The fragment a report's page polls while the report is queued or running: its state again,
 * which replaces the page's. Once the report is done or failed the fragment no longer polls.
 */
public final class ReportProgress extends PageView {

  private final ReportSummary report;

  ReportProgress(WebSession session, ReportSummary report) {
    super("report-progress.ftlh", session, "", "");
    this.report = report;
  }

  public ReportSummary getReport() {
    return report;
  }
}
