package dev.vigil.app.web;

import dev.vigil.evidence.Fields;
import jakarta.ws.rs.QueryParam;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence search page's query: the API's parameters the page uses, by the same names. A
 * facet's checkboxes share its name, so a form can send one several times; the page takes one
 * value of each (as the API does) and says so when given more, rather than refuse the request.
 */
public final class SearchForm {

  @QueryParam("q") String q;
  @QueryParam("sort") String sort;
  @QueryParam("cursor") String cursor;
  @QueryParam("type") List<String> type;
  @QueryParam("controlId") List<String> controlId;
  @QueryParam("family") List<String> family;
  @QueryParam("criterion") List<String> criterion;
  @QueryParam("status") List<String> status;
  @QueryParam("agentId") List<String> agentId;
  @QueryParam("connectionId") List<String> connectionId;

  /** The values sent for each facet, by its field's name, in {@link Fields#FACETS} order. */
  Map<String, List<String>> facets() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put(Fields.TYPE, type);
    out.put(Fields.CONTROL_ID, controlId);
    out.put(Fields.FAMILY, family);
    out.put(Fields.CRITERION, criterion);
    out.put(Fields.STATUS, status);
    out.put(Fields.AGENT_ID, agentId);
    out.put(Fields.CONNECTION_ID, connectionId);
    out.replaceAll((field, values) -> values == null ? List.of() : values);
    return out;
  }
}
