package dev.vigil.app.web;

import dev.vigil.evidence.DocType;
import dev.vigil.evidence.Fields;
import dev.vigil.evidence.Hit;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The evidence search page; see {@link SearchResource#search}. */
public final class SearchPage extends PageView {

  /**
   * One result: what it is, its title and time, its snippet (null when it matched nothing of its
   * text), the page it leads to (null: the dashboard has none) and the related ones.
   */
  public record Result(String type, String title, Instant time, Snippet snippet, String href,
      List<EvidencePages.Link> related) {

    /** {@code hit} as a result; without a snippet when nothing in it matched (it would only repeat the title). */
    static Result of(Hit hit) {
      Snippet snippet = Snippet.of(hit.snippet());
      return new Result(typeLabel(hit.type()), hit.title(), hit.time(), snippet.marked() ? snippet : null,
          EvidencePages.of(hit), EvidencePages.related(hit));
    }
  }

  /** A facet: its field (the form's name for it), its heading and the values to check. */
  public record Facet(String name, String label, List<Value> values) {}

  /** A value of a facet, with how many matches have it; {@code checked} when the search is narrowed to it. */
  public record Value(String value, String label, long count, boolean checked) {}

  /** An order results come in. */
  public record Order(String value, String label, boolean chosen) {}

  private final String query;
  private final String sort;
  private final Map<String, String> chosen;
  private final List<Facet> facets;
  private final List<Result> results;
  private final long total;
  private final String nextCursor;
  private final boolean paged;
  private final String error;

  SearchPage(WebSession session, String query, String sort, Map<String, String> chosen, List<Facet> facets,
      List<Result> results, long total, String nextCursor, boolean paged, String error) {
    super("search.ftlh", session, "Evidence", "evidence");
    this.query = query == null ? "" : query;
    this.sort = sort == null ? "" : sort;
    this.chosen = chosen;
    this.facets = facets;
    this.results = results;
    this.total = total;
    this.nextCursor = nextCursor;
    this.paged = paged;
    this.error = error;
  }

  public String getQuery() {
    return query;
  }

  public List<Order> getOrders() {
    return List.of(new Order("time", "Newest first", !sort.equals("relevance")),
        new Order("relevance", "Best match first", sort.equals("relevance")));
  }

  public List<Facet> getFacets() {
    return facets;
  }

  public List<Result> getResults() {
    return results;
  }

  public long getTotal() {
    return total;
  }

  /** Why the search could not run, or which part of it was left out; null when it ran as asked. */
  public String getError() {
    return error;
  }

  public boolean isPaged() {
    return paged;
  }

  /** The link to the next page of this search; null on the last. */
  public String getNext() {
    return nextCursor == null ? null : getFirst() + "&cursor=" + encode(nextCursor);
  }

  /** The link to this search's first page. */
  public String getFirst() {
    StringBuilder out = new StringBuilder("/evidence?q=").append(encode(query));
    if (!sort.isEmpty()) out.append("&sort=").append(encode(sort));
    chosen.forEach((field, value) -> out.append('&').append(field).append('=').append(encode(value)));
    return out.toString();
  }

  /** A facet's heading. */
  static String facetLabel(String field) {
    return switch (field) {
      case Fields.TYPE -> "Type";
      case Fields.CONTROL_ID -> "Control";
      case Fields.FAMILY -> "Family";
      case Fields.CRITERION -> "Criterion";
      case Fields.STATUS -> "Status";
      case Fields.AGENT_ID -> "Agent";
      case Fields.CONNECTION_ID -> "Connection";
      default -> field;
    };
  }

  /** What a document is, in words. */
  static String typeLabel(DocType type) {
    return switch (type) {
      case ENTRY -> "Audit entry";
      case RUN -> "Control run";
      case EVIDENCE -> "Run evidence";
      case FINDING -> "Finding";
      case AGENT -> "Agent";
      case GRANT -> "Grant";
      case CONNECTION -> "Connection";
      case VENDOR -> "Vendor";
      case INCIDENT -> "Incident";
    };
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
