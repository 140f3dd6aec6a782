package dev.vigil.app.web;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.reports.Report;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The reports list, with the form that asks for one; see {@link ReportsResource#list}. */
public final class ReportsPage extends PageView {

  /** What the form shows: the period's first and last day, the title, and why it was refused (null: it was not). */
  public record Form(String from, String to, String title, String error) {}

  private final Page<Report> page;
  private final boolean paged;
  private final Form form;

  ReportsPage(WebSession session, Page<Report> page, boolean paged, Form form) {
    super("reports.ftlh", session, "Reports", "reports");
    this.page = page;
    this.paged = paged;
    this.form = form;
  }

  public List<ReportSummary> getReports() {
    return page.items().stream().map(ReportSummary::new).toList();
  }

  /** The link to the next (older) reports; null on the last page. */
  public String getNext() {
    return page.nextCursor() == null ? null
        : "/reports?before=" + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8);
  }

  public boolean isPaged() {
    return paged;
  }

  public Form getForm() {
    return form;
  }

  /** The longest title the API takes. */
  public int getTitleMax() {
    return ReportsResource.TITLE_MAX;
  }
}
