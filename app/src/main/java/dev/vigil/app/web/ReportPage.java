package dev.vigil.app.web;

/** A report's page; see {@link ReportsResource#report}. Its state is {@link ReportProgress}, polled until it is over. */
public final class ReportPage extends PageView {

  private final ReportSummary report;
  private final String requestedBy;

  ReportPage(WebSession session, ReportSummary report, String requestedBy) {
    super("report.ftlh", session, report.title(), "reports");
    this.report = report;
    this.requestedBy = requestedBy;
  }

  public ReportSummary getReport() {
    return report;
  }

  /** Who asked for the report: a person's name, a token's id, or the command line. */
  public String getRequestedBy() {
    return requestedBy;
  }
}
