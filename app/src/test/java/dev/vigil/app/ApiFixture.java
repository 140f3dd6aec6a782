package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.Http.Reply;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.BundleVerifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A real server and database with two tenants: ours (A) and a stranger (B) whose ids must
 * look exactly like missing ones, plus tokens of every role in A and helpers to call the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiFixture {

  VigilServer server;
  Http http;
  String tenantA;
  String adminA;
  String adminB;
  String ownerA;
  String ownerB;
  String agentB;
  String tokenB;
  String compliance;
  String auditor;
  String ingest;

  abstract TestDb.Kind kind();

  @BeforeAll
  void start() throws Exception {
    server = new VigilServer(kind());
    http = server.http();
    JsonNode a = server.createTenant("Acme");
    tenantA = a.get("tenantId").asText();
    adminA = a.get("adminToken").asText();
    adminB = server.createTenant("Globex").get("adminToken").asText();
    ownerA = created(http.post(adminA, "/api/v1/users",
        user("olive@acme.example", "admin"))).get("id").asText();
    ownerB = created(http.post(adminB, "/api/v1/users",
        user("gina@globex.example", "admin"))).get("id").asText();
    agentB = created(http.post(adminB, "/api/v1/agents", agent("their-bot", ownerB))).get("id").asText();
    tokenB = created(http.post(adminB, "/api/v1/tokens", "{\"name\":\"theirs\",\"role\":\"auditor\"}"))
        .get("id").asText();
    compliance = token("compliance");
    auditor = token("auditor");
    ingest = token("ingest");
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  /** The password of every user {@link #user} makes. */
  static final String PASSWORD = "a long enough password";

  static String user(String email, String role) {
    return "{\"email\":\"" + email + "\",\"name\":\"Someone\",\"role\":\"" + role
        + "\",\"password\":\"" + PASSWORD + "\"}";
  }

  static String agent(String name, String owner) {
    return "{\"name\":\"" + name + "\",\"ownerId\":\"" + owner + "\",\"description\":\"test\"}";
  }

  JsonNode created(Reply r) {
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  String token(String role) {
    return created(http.post(adminA, "/api/v1/tokens", "{\"name\":\"" + role + "\",\"role\":\"" + role + "\"}"))
        .get("token").asText();
  }

  String newAgent(String name) {
    return created(http.post(adminA, "/api/v1/agents", agent(name, ownerA))).get("id").asText();
  }

  /**
   * How many entries tenant A's (intact) chain holds, not counting control runs: those are
   * appended in the background whenever a change re-runs the controls it affects.
   */
  long chainLength() {
    Reply r = http.get(adminA, "/api/v1/audit/verify");
    assertThat(r.get("intact").asBoolean()).as(r.text()).isTrue();
    return readChain(adminA, 1000).stream().filter(e -> !e.kind().equals("control.run")).count();
  }

  /** Every entry of tenant A's chain, read page by page through the API. */
  List<AuditEntry> readChain(String token) {
    return readChain(token, 7);
  }

  List<AuditEntry> readChain(String token, int pageSize) {
    List<AuditEntry> entries = new ArrayList<>();
    String cursor = "";
    do {
      Reply page = http.get(token, "/api/v1/audit/entries?limit=" + pageSize + "&cursor=" + cursor);
      assertThat(page.status()).as(page.text()).isEqualTo(200);
      for (JsonNode e : page.get("items")) {
        entries.add(BundleVerifier.entry(e));
      }
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return entries;
  }

  /** The ids ({@code keyId} for keys) of every item of a list {@code token} reads one item a page. */
  List<String> pageThrough(String token, String path) {
    List<String> seen = new ArrayList<>();
    String cursor = "";
    String join = path.contains("?") ? "&" : "?";
    do {
      Reply page = http.get(token, path + join + "limit=1&cursor=" + cursor);
      assertThat(page.status()).as(page.text()).isEqualTo(200);
      assertThat(page.get("items").size()).as(path).isLessThanOrEqualTo(1);
      page.get("items").forEach(i -> seen.add(i.has("id") ? i.get("id").asText() : i.get("keyId").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return seen;
  }

  /** A request that must be refused with {@code status}, and change nothing. */
  record Bad(String method, String path, String body, String contentType, int status) {}

  /** Sends each request with {@code token}; each must be refused with its status and the error body. */
  void assertEachRefused(String token, List<Bad> bad) {
    for (Bad b : bad) {
      Reply r = http.send(token, b.method(), b.path(), b.body(), b.contentType());
      assertThat(r.status()).as(b + " -> " + r.text()).isEqualTo(b.status());
      assertError(r, b.status());
    }
  }

  static void assertError(Reply r, int status) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.get("code").asInt()).isEqualTo(status);
    assertThat(r.get("message").asText()).isNotBlank();
  }
}
