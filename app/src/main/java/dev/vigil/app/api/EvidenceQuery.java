package dev.vigil.app.api;

import dev.vigil.app.http.Paging;
import dev.vigil.app.http.QueryParams;
import dev.vigil.app.http.Times;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Family;
import dev.vigil.evidence.DocType;
import dev.vigil.evidence.Fields;
import dev.vigil.evidence.Filters;
import dev.vigil.evidence.SearchRequest;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The query parameters of {@code GET /evidence/search}, read by the API's one rule: what does
 * not parse (a time, a number, a cursor, the query itself) is 400, a value outside its set or
 * range is 422. The query string {@code q} is parsed by the index, which refuses it with 400.
 * Ids in filters ({@code agentId}, ...) only narrow the search, as {@code GET /events} does; a
 * control id is checked against the catalog, as {@code GET /findings} does.
 */
public final class EvidenceQuery {

  /** Items a page holds unless {@code limit} says otherwise. */
  public static final int DEFAULT_LIMIT = 50;

  private static final String TYPES = Arrays.stream(DocType.values()).map(DocType::wire)
      .collect(Collectors.joining(", "));

  @QueryParam("q") private String q;
  @QueryParam("type") private String type;
  @QueryParam("controlId") private String controlId;
  @QueryParam("family") private String family;
  @QueryParam("criterion") private String criterion;
  @QueryParam("agentId") private String agentId;
  @QueryParam("connectionId") private String connectionId;
  @QueryParam("vendorId") private String vendorId;
  @QueryParam("status") private String status;
  @QueryParam("from") private String from;
  @QueryParam("to") private String to;
  @QueryParam("sort") private String sort;
  @QueryParam("cursor") private String cursor;
  @QueryParam("limit") private String limit;

  /** The parameters as Jersey reads them from the query. */
  public EvidenceQuery() {}

  /**
   * The search the dashboard's form asks for, read by the same rule: a query, one value of each
   * facet it chose by the facet's field ({@link Fields#FACETS}, which are these filters' names),
   * an order, the cursor of the page before and the page's size.
   */
  public EvidenceQuery(String q, Map<String, String> facets, String sort, String cursor, int limit) {
    this.q = q;
    this.type = facets.get(Fields.TYPE);
    this.controlId = facets.get(Fields.CONTROL_ID);
    this.family = facets.get(Fields.FAMILY);
    this.criterion = facets.get(Fields.CRITERION);
    this.status = facets.get(Fields.STATUS);
    this.agentId = facets.get(Fields.AGENT_ID);
    this.connectionId = facets.get(Fields.CONNECTION_ID);
    this.sort = sort;
    this.cursor = cursor;
    this.limit = Integer.toString(limit);
  }

  /** The search these parameters ask for. */
  public SearchRequest request(Catalog catalog) {
    Times.Window window = Times.window(from, to);
    int n = Paging.limit(limit, DEFAULT_LIMIT, SearchRequest.MAX_LIMIT);
    Filters filters = new Filters(docType(), control(catalog), family(), QueryParams.value(criterion),
        QueryParams.value(agentId), QueryParams.value(connectionId), QueryParams.value(vendorId),
        QueryParams.value(status), window.from(), window.to());
    return new SearchRequest(q == null ? "" : q, filters, order(), QueryParams.value(cursor), n);
  }

  private DocType docType() {
    String t = QueryParams.value(type);
    if (t == null) return null;
    return DocType.fromWire(t).orElseThrow(() -> Rejected.invalid("type: must be one of " + TYPES));
  }

  private String control(Catalog catalog) {
    String id = QueryParams.value(controlId);
    if (id != null && catalog.find(id).isEmpty()) {
      throw Rejected.invalid("controlId: no control " + id + " in the catalog");
    }
    return id;
  }

  private String family() {
    String f = QueryParams.value(family);
    if (f == null) return null;
    try {
      return Family.of(f).wire();
    } catch (IllegalArgumentException e) {
      throw Rejected.invalid("family: " + e.getMessage());
    }
  }

  private SearchRequest.Order order() {
    String s = QueryParams.value(sort);
    if (s == null) return SearchRequest.Order.TIME;
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "time" -> SearchRequest.Order.TIME;
      case "relevance" -> SearchRequest.Order.RELEVANCE;
      default -> throw Rejected.invalid("sort: must be time or relevance");
    };
  }
}
