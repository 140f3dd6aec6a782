package dev.vigil.app.web;

import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.controls.audit.AuditEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The audit trail; see {@link AuditTrailResource#trail}. */
public final class AuditPage extends PageView {

  /** How much of an entry's data the list shows; the export carries all of it. */
  static final int DATA_SHOWN = 240;

  /** The filters as the person typed them, to show in the form again and carry to the next page. */
  public record Filters(String kind, String actor, String subject, String from, String to, String fromSeq,
      String toSeq, boolean oldestFirst) {

    static final Filters NONE = new Filters("", "", "", "", "", "", "", false);

    /** Whether the trail is narrowed by kind, actor or subject, so a page may stop short of full. */
    public boolean narrowed() {
      return !kind.isEmpty() || !actor.isEmpty() || !subject.isEmpty();
    }

    /** Whether any filter is set, kind, actor, subject or a range. */
    public boolean any() {
      return narrowed() || !from.isEmpty() || !to.isEmpty() || !fromSeq.isEmpty() || !toSeq.isEmpty();
    }

    /** These filters as a query string ending in "&", for the pager's links. */
    String query() {
      StringBuilder q = new StringBuilder();
      add(q, "kind", kind);
      add(q, "actor", actor);
      add(q, "subject", subject);
      add(q, "from", from);
      add(q, "to", to);
      add(q, "fromSeq", fromSeq);
      add(q, "toSeq", toSeq);
      if (oldestFirst) add(q, "order", "oldest");
      return q.toString();
    }

    private static void add(StringBuilder q, String name, String value) {
      if (!value.isEmpty()) q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
    }
  }

  private final Filters filters;
  private final AuditLog.Trail trail;
  private final Map<String, String> people;
  private final boolean paged;
  private final String error;
  private final String exportFrom;
  private final String exportTo;

  AuditPage(WebSession session, Filters filters, AuditLog.Trail trail, Map<String, String> people, boolean paged,
      String error, String exportFrom, String exportTo) {
    super("audit.ftlh", session, "Audit trail", "audit");
    this.filters = filters;
    this.trail = trail;
    this.people = people;
    this.paged = paged;
    this.error = error;
    this.exportFrom = exportFrom;
    this.exportTo = exportTo;
  }

  public Filters getFilters() {
    return filters;
  }

  public List<AuditEntry> getEntries() {
    return trail == null ? List.of() : trail.entries();
  }

  /** The link to the next page, with the filters chosen; null on the last page. */
  public String getNext() {
    if (trail == null || trail.next() == null) return null;
    return "/audit?" + filters.query() + "cursor=" + trail.next();
  }

  /** The link to the first page with the filters chosen. */
  public String getFirst() {
    return "/audit?" + filters.query();
  }

  public boolean isPaged() {
    return paged;
  }

  /**
   * Whether this page stopped at the end of the stretch of the chain it may search, with fewer
   * entries than a page holds: the next page searches on.
   */
  public boolean isSearchedOnly() {
    return trail != null && filters.narrowed() && trail.next() != null && trail.entries().size() < AuditTrailResource.PER_PAGE;
  }

  public long getSearchedFrom() {
    return trail == null ? 0 : trail.searchedFrom();
  }

  public long getSearchedTo() {
    return trail == null ? 0 : trail.searchedTo();
  }

  /** The person who made the change, by name; null for a token, the system or the CLI (the page shows type and id). */
  public String person(AuditEntry e) {
    return "user".equals(e.actor().type()) ? people.getOrDefault(e.actor().id(), e.actor().id()) : null;
  }

  /** The entry's data as compact JSON, cut to {@link #DATA_SHOWN} characters. */
  public String data(AuditEntry e) {
    String json = e.data().toString();
    return json.length() <= DATA_SHOWN ? json : json.substring(0, DATA_SHOWN) + "…";
  }

  public String getError() {
    return error;
  }

  public String getExportFrom() {
    return exportFrom;
  }

  public String getExportTo() {
    return exportTo;
  }
}
