package dev.vigil.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.testing.TestDb;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void smoke() throws Exception {
    try (Estate e = new Estate(TestDb.Kind.H2)) {
      Estate.Company c = e.company("Acme", "canary-secret");
      e.follower.catchUp(c.tenant());
      var r = e.index.search(c.tenant(), new SearchRequest("agent:support-triage AND action:crm\\:write",
          Filters.NONE, SearchRequest.Order.TIME, null, 10));
      System.out.println(r);
      var all = e.index.search(c.tenant(), new SearchRequest("", Filters.NONE, SearchRequest.Order.TIME, null, 10));
      System.out.println(all.facets() + " total " + all.total());
      assertThat(r.total()).isEqualTo(1);
    }
  }
}
