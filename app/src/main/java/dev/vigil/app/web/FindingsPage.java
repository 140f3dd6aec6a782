package dev.vigil.app.web;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.FindingSeverity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The findings list; see {@link FindingsResource#list}. */
public final class FindingsPage extends PageView {

  /** An option of a filter's select. */
  public record Option(String value, String label, boolean chosen) {}

  /** The ages the age filter offers, in days: findings opened longer ago than this. */
  static final List<String> AGES = List.of("7", "30", "90");

  private final Catalog catalog;
  private final Page<Finding> page;
  private final Map<String, String> agents;
  private final Map<String, String> owners;
  private final FindingStatus status;
  private final FindingSeverity severity;
  private final String control;
  private final boolean overdue;
  private final int age;
  private final boolean paged;
  private final Instant now;

  FindingsPage(WebSession session, Catalog catalog, Page<Finding> page, Map<String, String> agents,
      Map<String, String> owners, FindingStatus status, FindingSeverity severity, String control, boolean overdue,
      int age, boolean paged, Instant now) {
    super("findings.ftlh", session, "Findings", "findings");
    this.catalog = catalog;
    this.page = page;
    this.agents = agents;
    this.owners = owners;
    this.status = status;
    this.severity = severity;
    this.control = control;
    this.overdue = overdue;
    this.age = age;
    this.paged = paged;
    this.now = now;
  }

  public List<Finding> getFindings() {
    return page.items();
  }

  public List<Option> getStatuses() {
    return Arrays.stream(FindingStatus.values())
        .map(s -> new Option(s.wire(), Findings.statusLabel(s), s == status)).toList();
  }

  /** Whether the person asked for findings in any status (the list shows open ones unless asked). */
  public boolean isAnyStatus() {
    return status == null;
  }

  public List<Option> getSeverities() {
    return Arrays.stream(FindingSeverity.values()).sorted((a, b) -> b.compareTo(a))
        .map(s -> new Option(s.wire(), Findings.severityLabel(s), s == severity)).toList();
  }

  public List<Option> getControls() {
    return catalog.all().stream().map(c -> new Option(c.id(), c.id() + " " + c.info().title(),
        c.id().equals(control))).toList();
  }

  public boolean isOverdueOnly() {
    return overdue;
  }

  /** The age filter's options: any age, or opened more than so many days ago. */
  public List<Option> getAges() {
    return AGES.stream().map(d -> new Option(d, "Opened over " + d + " days ago", d.equals(Integer.toString(age))))
        .toList();
  }

  public boolean isAnyAge() {
    return age == 0;
  }

  public boolean isPaged() {
    return paged;
  }

  /** The link to the next page, with the filters chosen; null on the last page. */
  public String getNext() {
    if (page.nextCursor() == null) return null;
    return "/findings?" + filters() + "after=" + encode(page.nextCursor());
  }

  /** The link to the first page with the filters chosen. */
  public String getFirst() {
    return "/findings?" + filters();
  }

  private String filters() {
    return "status=" + (status == null ? "" : status.wire()) + "&"
        + (severity == null ? "" : "severity=" + severity.wire() + "&")
        + (control == null ? "" : "control=" + encode(control) + "&")
        + (overdue ? "overdue=true&" : "")
        + (age == 0 ? "" : "age=" + age + "&");
  }

  /** The agent a finding's member belongs to (itself or its grant's agent), or null. */
  public String agent(Finding f) {
    return agents.get(f.id());
  }

  public String owner(String id) {
    return id == null ? "—" : owners.getOrDefault(id, id);
  }

  public Status status(Finding f) {
    return Findings.status(f);
  }

  public String severity(Finding f) {
    return Findings.severityLabel(f.severity());
  }

  public boolean overdue(Finding f) {
    return f.overdueAt(now);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
