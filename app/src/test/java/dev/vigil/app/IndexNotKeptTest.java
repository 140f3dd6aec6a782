package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.Http.Reply;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A node set to keep no evidence index ({@code evidence.enabled: false}, for nodes that serve
 * decisions while others serve search): it decides and records as any node does, never opens
 * an index, and answers every evidence search and rebuild 503 with the reason, after the usual
 * token and role checks, recording nothing; its dashboard shows that it keeps none.
 */
class IndexNotKeptTest {

  @Test
  void aNodeWithoutAnIndexDecidesAndRefusesSearchesPlainly() throws Exception {
    Path dir = TempDirs.create("vigil-no-index-config");
    Path config = dir.resolve("config.yml");
    String shipped = Files.readString(VigilServer.CONFIG);
    assertThat(shipped).contains("  enabled: ${VIGIL_EVIDENCE_INDEX:-true}");
    Files.writeString(config, shipped.replace("  enabled: ${VIGIL_EVIDENCE_INDEX:-true}", "  enabled: false"));
    try (VigilServer server = new VigilServer(TestDb.Kind.H2, config)) {
      Http http = server.http();
      JsonNode tenant = server.createTenant("Deciders");
      String admin = tenant.get("adminToken").asText();
      String compliance = http.post(admin, "/api/v1/tokens", "{\"name\":\"c\",\"role\":\"compliance\"}")
          .get("token").asText();

      // Unhappy paths first: no token is 401 and a role that may not rebuild is 403, as on any node.
      assertThat(http.get(null, "/api/v1/evidence/search?q=crm").status()).isEqualTo(401);
      assertThat(http.post(compliance, "/api/v1/evidence/reindex", "").status()).isEqualTo(403);

      Reply search = http.get(admin, "/api/v1/evidence/search?q=crm");
      assertThat(search.status()).as(search.text()).isEqualTo(503);
      assertThat(search.get("message").asText()).contains("keeps no evidence index", "evidence.enabled");
      assertThat(http.get(compliance, "/api/v1/evidence/entry/1").status()).isEqualTo(503);
      long entries = chainLength(server, tenant.get("tenantId").asText());
      Reply rebuild = http.post(admin, "/api/v1/evidence/reindex", "");
      assertThat(rebuild.status()).as(rebuild.text()).isEqualTo(503);
      assertThat(rebuild.get("message").asText()).contains("keeps no evidence index");
      assertThat(chainLength(server, tenant.get("tenantId").asText())).as("a refused rebuild records nothing")
          .isEqualTo(entries);
      assertThat(http.get(admin, "/api/v1/evidence/reindex").status()).as("no rebuilds to follow here").isEqualTo(503);

      // Decisions are made and recorded as on any node.
      String owner = http.post(admin, "/api/v1/users", ApiFixture.user("o@deciders.example", "admin")).get("id").asText();
      String approver = http.post(admin, "/api/v1/users", ApiFixture.user("a@deciders.example", "admin"))
          .get("id").asText();
      String vendor = http.post(admin, "/api/v1/vendors", "{\"name\":\"V\",\"criticality\":\"low\"}").get("id").asText();
      String connection = http.post(admin, "/api/v1/connections", "{\"name\":\"C\",\"app\":\"crm\",\"vendorId\":\""
          + vendor + "\",\"endpoint\":\"https://c.example\"}").get("id").asText();
      String agent = http.post(admin, "/api/v1/agents", ApiFixture.agent("bot", owner)).get("id").asText();
      http.post(admin, "/api/v1/agents/" + agent + "/grants", "{\"connectionId\":\"" + connection
          + "\",\"scopes\":[\"crm:read\"],\"justification\":\"x\",\"requestedBy\":\"" + owner + "\",\"approvedBy\":\""
          + approver + "\"}");
      String agentToken = http.post(admin, "/api/v1/agents/" + agent + "/tokens", "{}").get("token").asText();
      Reply decision = http.post(agentToken, "/api/v1/authorize", "{\"connectionId\":\"" + connection
          + "\",\"action\":\"crm:read\"}");
      assertThat(decision.status()).as(decision.text()).isEqualTo(200);
      assertThat(decision.get("decision").asText()).isEqualTo("allow");
      assertThat(server.query("SELECT kind FROM audit_entries WHERE kind = 'decision'")).hasSize(1);

      // The dashboard says so too: the overview shows no index here, and its search explains the refusal.
      DashboardSession session = DashboardSession.signIn(server, "o@deciders.example");
      HttpResponse<String> overview = session.page("/");
      assertThat(overview.statusCode()).isEqualTo(200);
      assertThat(overview.body()).contains("Not kept here", "this node keeps no index")
          .as("this node sweeps").doesNotContain("leaves the scheduled sweeps");
      HttpResponse<String> searchPage = session.page("/evidence?q=crm");
      assertThat(searchPage.statusCode()).isEqualTo(503);
      assertThat(searchPage.body()).contains("This search cannot run: this node keeps no evidence index");

      assertThat(server.dataDir().resolve("index")).as("no index directory").doesNotExist();
      JsonNode health = new Http(server.adminPort()).get(null, "/healthcheck").json();
      assertThat(health.path("evidence-index").path("healthy").asBoolean()).isTrue();
      assertThat(health.path("evidence-index").path("message").asText()).contains("keeps no evidence index");
    } finally {
      TempDirs.delete(dir);
    }
  }

  private static long chainLength(VigilServer server, String tenantId) throws Exception {
    try (var c = server.connect();
        var st = c.prepareStatement("SELECT COUNT(*) FROM audit_entries WHERE tenant_id = ?")) {
      st.setString(1, tenantId);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
