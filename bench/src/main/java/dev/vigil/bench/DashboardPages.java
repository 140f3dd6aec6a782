package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard pages the page bench times, one line each, with the ids in their URLs read from
 * the tenant through the API: the first of each list, AC-1, and the control whose latest run
 * examined the most members. {@code action} marks a page that does a whole-chain job on request
 * (verifying the chain), timed but not held to the page target.
 */
record DashboardPages(List<Page> pages) {

  /** One page: its name on the report, its path, and whether it is an action rather than a read. */
  record Page(String name, String path, boolean action) {}

  static DashboardPages of(ApiClient api) throws Exception {
    String big = biggestControl(api);
    String finding = first(api, "/api/v1/findings?status=open&limit=1");
    String agent = first(api, "/api/v1/agents?limit=1");
    String vendor = first(api, "/api/v1/vendors?limit=1");
    String connection = first(api, "/api/v1/connections?limit=1");
    String incident = first(api, "/api/v1/incidents?limit=1");
    List<Page> pages = new ArrayList<>();
    pages.add(new Page("overview", "/", false));
    pages.add(new Page("controls", "/controls", false));
    pages.add(new Page("control AC-1", "/controls/AC-1", false));
    pages.add(new Page("control " + big + " (largest run)", "/controls/" + big, false));
    pages.add(new Page("findings", "/findings", false));
    pages.add(new Page("findings open of AC-1", "/findings?status=open&control=AC-1", false));
    pages.add(new Page("finding", "/findings/" + finding, false));
    pages.add(new Page("agents", "/agents", false));
    pages.add(new Page("agent", "/agents/" + agent, false));
    pages.add(new Page("vendors", "/vendors", false));
    pages.add(new Page("vendor", "/vendors/" + vendor, false));
    pages.add(new Page("connections", "/connections", false));
    pages.add(new Page("connection", "/connections/" + connection, false));
    pages.add(new Page("incidents", "/incidents", false));
    pages.add(new Page("incident", "/incidents/" + incident, false));
    pages.add(new Page("audit trail", "/audit", false));
    pages.add(new Page("evidence search", "/evidence?q=wildcard", false));
    pages.add(new Page("reports", "/reports", false));
    pages.add(new Page("audit verify", "/audit/verify", true));
    return new DashboardPages(pages);
  }

  /** The pages named {@code only}, or all when it is null. */
  DashboardPages only(String only) {
    if (only == null) return this;
    List<Page> chosen = pages.stream().filter(p -> p.name().equals(only) || p.name().startsWith(only + " ")).toList();
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("no page " + only + "; the pages: "
          + String.join(", ", pages.stream().map(Page::name).toList()));
    }
    return new DashboardPages(chosen);
  }

  private static String first(ApiClient api, String path) throws Exception {
    JsonNode items = api.get(path).get("items");
    if (items.isEmpty()) throw new IllegalStateException(path + " lists nothing: the estate lacks what a page shows");
    return items.get(0).get("id").asText();
  }

  private static String biggestControl(ApiClient api) throws Exception {
    String best = "AC-1";
    long most = -1;
    for (JsonNode control : api.get("/api/v1/controls").get("items")) {
      String id = control.get("id").asText();
      if (id.equals("AC-1")) continue;
      JsonNode runs = api.get("/api/v1/controls/" + id + "/runs?limit=1").get("items");
      long population = runs.isEmpty() ? -1 : runs.get(0).get("population").asLong();
      if (population > most) {
        most = population;
        best = id;
      }
    }
    return best;
  }
}
