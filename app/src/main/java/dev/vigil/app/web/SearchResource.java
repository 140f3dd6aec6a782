package dev.vigil.app.web;

import dev.vigil.app.api.EvidenceQuery;
import dev.vigil.app.http.QueryParams;
import dev.vigil.app.http.RejectedMapper;
import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.model.Agent;
import dev.vigil.evidence.DocType;
import dev.vigil.evidence.EvidenceSearch;
import dev.vigil.evidence.Fields;
import dev.vigil.evidence.SearchRequest;
import dev.vigil.evidence.SearchResult;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The evidence search: a query in the API's syntax, checked by the same rules (a query that
 * does not parse is shown on the page with the index's reason), the facets of every match as
 * checkboxes that narrow it, highlighted snippets, and the next page by the index's cursor.
 * Each result leads to its page on the dashboard where there is one. The index confines every
 * search to the session's tenant.
 */
@Dashboard
@Path("/evidence")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SearchResource {

  static final int PER_PAGE = 25;

  private final EvidenceSearch search;
  private final Catalog catalog;
  private final AgentStore agents;
  private final ConnectionStore connections;

  public SearchResource(EvidenceSearch search, Catalog catalog, AgentStore agents, ConnectionStore connections) {
    this.search = search;
    this.catalog = catalog;
    this.agents = agents;
    this.connections = connections;
  }

  @GET
  public Response search(@Context ContainerRequestContext request, @BeanParam SearchForm form) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Map<String, String> chosen = new LinkedHashMap<>();
    List<String> leftOut = new ArrayList<>();
    form.facets().forEach((field, sent) -> {
      List<String> values = sent.stream().map(QueryParams::value).filter(Objects::nonNull).distinct().toList();
      if (values.size() > 1) {
        leftOut.add("Check one " + SearchPage.facetLabel(field).toLowerCase(Locale.ROOT) + " at a time: each facet"
            + " narrows the search to one of its values, so the " + values.size() + " checked were left out.");
      } else if (values.size() == 1) {
        chosen.put(field, values.get(0));
      }
    });
    try {
      SearchRequest asked = new EvidenceQuery(form.q, chosen, form.sort, form.cursor, PER_PAGE).request(catalog);
      SearchResult page = search.search(tenant, asked);
      // Only a first page counts the facets: a later one asks the first again, for one item.
      SearchResult first = asked.cursor() == null ? page : search.search(tenant,
          new SearchRequest(asked.query(), asked.filters(), asked.order(), null, 1));
      return Response.ok(new SearchPage(session, form.q, form.sort, chosen, facets(tenant, first, chosen),
          page.items().stream().map(SearchPage.Result::of).toList(), page.total(), page.nextCursor(),
          asked.cursor() != null, leftOut.isEmpty() ? null : String.join(" ", leftOut))).build();
    } catch (Rejected e) {
      return Response.status(RejectedMapper.status(e.reason())).entity(new SearchPage(session, form.q, form.sort,
          chosen, List.of(), List.of(), 0, null, false, "This search cannot run: " + e.getMessage())).build();
    }
  }

  /**
   * The facets of the matches: a facet the search is narrowed by offers only its chosen value
   * (checked; unchecking it widens the search again), the others their most frequent values.
   */
  private List<SearchPage.Facet> facets(String tenant, SearchResult first, Map<String, String> chosen) {
    List<SearchPage.Facet> out = new ArrayList<>();
    for (String field : Fields.FACETS) {
      List<SearchResult.FacetCount> counts = first.facets().getOrDefault(field, List.of());
      List<SearchPage.Value> values = new ArrayList<>();
      String picked = chosen.get(field);
      if (picked != null) {
        long n = counts.stream().filter(c -> c.value().equals(picked)).mapToLong(SearchResult.FacetCount::count)
            .findFirst().orElse(first.total());
        values.add(new SearchPage.Value(picked, label(tenant, field, picked), n, true));
      } else {
        counts.forEach(c -> values.add(new SearchPage.Value(c.value(), label(tenant, field, c.value()), c.count(),
            false)));
      }
      if (!values.isEmpty()) out.add(new SearchPage.Facet(field, SearchPage.facetLabel(field), values));
    }
    return out;
  }

  /** A facet value as people read it: a name for an id (one look-up each, a facet lists at most 20), words for a type. */
  private String label(String tenant, String field, String value) {
    return switch (field) {
      case Fields.TYPE -> DocType.fromWire(value).map(SearchPage::typeLabel).orElse(value);
      case Fields.CONTROL_ID -> catalog.find(value).map(c -> c.id() + " " + c.info().title()).orElse(value);
      case Fields.FAMILY -> Arrays.stream(Family.values()).filter(f -> f.wire().equals(value)).findFirst()
          .map(FamilyNames::of).orElse(value);
      case Fields.AGENT_ID -> agents.find(tenant, value).map(Agent::name).orElse(value);
      case Fields.CONNECTION_ID -> connections.find(tenant, value).map(v -> v.connection().name()).orElse(value);
      default -> value;
    };
  }
}
