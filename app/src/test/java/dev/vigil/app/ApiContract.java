package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.Endpoints.Endpoint;
import dev.vigil.app.Endpoints.Segment;
import dev.vigil.app.Http.Reply;
import dev.vigil.app.auth.Roles;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.ChainVerification;
import dev.vigil.controls.audit.ChainVerifier;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public API for tenancy, users and agents through HTTP, as docs/api.md documents it. */
abstract class ApiContract extends ApiFixture {

  // --- end to end -------------------------------------------------------------------------

  @Test
  void aUserAnAgentAndItsRetirementLandInAChainAnAuditorCanVerify() {
    String olive = created(http.post(adminA, "/api/v1/users", user("ed@acme.example", "compliance")))
        .get("id").asText();
    JsonNode agent = created(http.post(adminA, "/api/v1/agents", agent("mailer", olive)));
    assertThat(agent.get("status").asText()).isEqualTo("active");
    assertThat(agent.get("ownerId").asText()).isEqualTo(olive);
    String agentId = agent.get("id").asText();
    JsonNode agentToken = created(http.post(adminA, "/api/v1/agents/" + agentId + "/tokens", null));
    assertThat(agentToken.get("role").asText()).isEqualTo("agent");
    assertThat(agentToken.get("agentId").asText()).isEqualTo(agentId);

    Reply retired = http.patch(adminA, "/api/v1/agents/" + agentId, "{\"status\":\"retired\"}");
    assertThat(retired.status()).isEqualTo(200);
    assertThat(retired.get("status").asText()).isEqualTo("retired");
    assertThat(http.get(agentToken.get("token").asText(), "/api/v1/agents").status()).isEqualTo(401);
    assertError(http.patch(adminA, "/api/v1/agents/" + agentId, "{\"status\":\"active\"}"), 409);

    List<AuditEntry> chain = readChain(auditor);
    ChainVerification v = ChainVerifier.verify(tenantA, AuditChain.GENESIS_HEX, 1, chain);
    assertThat(v.breaks()).isEmpty();
    assertThat(chain.get(0).kind()).isEqualTo("tenant.created");
    assertThat(chain.get(0).actor()).isEqualTo(new Actor("cli", "tenant-create"));
    assertThat(chain).extracting(AuditEntry::kind)
        .contains("user.created", "agent.created", "token.created", "agent.status_changed");
    List<AuditEntry> changes = chain.stream().filter(e -> !e.kind().equals("control.run")).toList();
    AuditEntry last = changes.get(changes.size() - 1);
    assertThat(last.kind()).isEqualTo("agent.status_changed");
    assertThat(last.subject()).isEqualTo(agentId);
    assertThat(last.data().get("revokedTokens").get(0).asText()).isEqualTo(agentToken.get("id").asText());
    assertThat(chain).allSatisfy(e -> assertThat(e.data().toString())
        .doesNotContain(ApiFixture.PASSWORD).doesNotContain("vgl_"));
  }

  @Test
  void tenantCreatePrintsExactlyOneJsonLine() throws Exception {
    String out = server.cli("tenant-create", "--name", "Initech", VigilServer.CONFIG.toString());
    assertThat(out.strip().lines()).hasSize(1);
    JsonNode line = Http.JSON.readTree(out);
    assertThat(line.get("tenantId").asText()).startsWith("ten_");
    assertThat(http.get(line.get("adminToken").asText(), "/api/v1/tokens").status()).isEqualTo(200);
  }

  // --- tokens -----------------------------------------------------------------------------

  @Test
  void aTokenIsShownOnceListedWithoutSecretsAndDiesWhenRevoked() {
    JsonNode t = created(http.post(adminA, "/api/v1/tokens", "{\"name\":\"ci\",\"role\":\"compliance\"}"));
    String secret = t.get("token").asText();
    assertThat(secret).startsWith("vgl_");
    assertThat(http.get(secret, "/api/v1/agents").status()).isEqualTo(200);
    Reply list = http.get(adminA, "/api/v1/tokens?limit=1000");
    assertThat(list.text()).doesNotContain(secret).doesNotContain("hash");
    assertThat(list.get("items").findValuesAsText("id")).contains(t.get("id").asText());
    long before = chainLength();
    assertThat(http.delete(adminA, "/api/v1/tokens/" + t.get("id").asText()).status()).isEqualTo(204);
    assertThat(chainLength()).isEqualTo(before + 1);
    assertError(http.get(secret, "/api/v1/agents"), 401);
  }

  @Test
  void agentTokensComeOnlyFromTheAgent() {
    assertError(http.post(adminA, "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"agent\"}"), 422);
  }

  // --- users ------------------------------------------------------------------------------

  @Test
  void invalidFieldsAreEachNamedWithTheirLimit() {
    Reply r = http.post(adminA, "/api/v1/users", "{\"email\":\"long@acme.example\",\"name\":\"" + "n".repeat(201)
        + "\",\"role\":\"auditor\",\"password\":\"short\"}");
    assertError(r, 422);
    assertThat(r.get("message").asText()).isEqualTo("2 fields are invalid");
    assertThat(r.get("errors")).extracting(JsonNode::asText).containsExactly(
        "name must be at most 200 characters", "password must be between 12 and 1024 characters");
    assertThat(http.get(adminA, "/api/v1/users?limit=100").get("items")).extracting(x -> x.get("email").asText())
        .doesNotContain("long@acme.example");
  }

  @Test
  void usersAreCreatedWithoutEchoingPasswordsAndDeactivated() {
    Reply r = http.post(adminA, "/api/v1/users", user("pat@acme.example", "auditor"));
    JsonNode u = created(r);
    assertThat(r.text()).doesNotContain("password").doesNotContain("argon");
    assertThat(u.get("active").asBoolean()).isTrue();
    assertError(http.post(adminA, "/api/v1/users", user("PAT@acme.example", "auditor")), 409);
    Reply off = http.patch(adminA, "/api/v1/users/" + u.get("id").asText(), "{\"active\":false}");
    assertThat(off.status()).isEqualTo(200);
    assertThat(off.get("active").asBoolean()).isFalse();
    assertThat(http.get(compliance, "/api/v1/users/" + u.get("id").asText()).get("active").asBoolean())
        .isFalse();
  }

  // --- pagination -------------------------------------------------------------------------

  @Test
  void listsPageWithACursor() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) made.add(newAgent("paged-" + i));
    List<String> seen = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      Reply page = http.get(adminA, "/api/v1/agents?limit=2&cursor=" + cursor);
      assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
      page.get("items").forEach(a -> seen.add(a.get("id").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(seen).containsAll(made).doesNotHaveDuplicates();
    assertThat(pages).isGreaterThan(1);
    assertError(http.get(adminA, "/api/v1/agents?limit=0"), 422);
    assertError(http.get(adminA, "/api/v1/agents?limit=1001"), 422);
    assertError(http.get(adminA, "/api/v1/agents?limit=ten"), 400);
    assertError(http.get(adminA, "/api/v1/agents?limit=2.5"), 400);
    assertError(http.get(adminA, "/api/v1/audit/entries?cursor=abc"), 400);
    assertError(http.get(adminA, "/api/v1/agents?cursor=garbage"), 400);
    assertError(http.get(adminA, "/api/v1/tokens?cursor=%27%20OR%201%3D1--"), 400);
  }

  // --- strict query parameters ------------------------------------------------------------

  /**
   * Every endpoint the server registered, read from its annotations, refuses a query parameter
   * it does not declare: 400 naming it and the ones it accepts. Each is called with a token its
   * roles allow and path ids that exist nowhere, so the check must come before any lookup (a
   * 404 would hide it), and a refused write changes nothing. An endpoint added later is covered
   * unedited.
   */
  @Test
  void everyEndpointRefusesAQueryParameterItDoesNotDeclareBeforeLookingAnythingUp() {
    String agentToken = created(http.post(adminA, "/api/v1/agents/" + newAgent("strict") + "/tokens", null))
        .get("token").asText();
    Map<String, String> tokens = Map.of(Roles.ADMIN, adminA, Roles.COMPLIANCE, compliance, Roles.AUDITOR, auditor,
        Roles.INGEST, ingest, Roles.AGENT, agentToken);
    List<Endpoint> endpoints = Endpoints.of(server.resourceClasses());
    assertThat(endpoints).hasSizeGreaterThan(40);
    long before = chainLength();
    String agentsBefore = http.get(adminA, "/api/v1/agents?limit=1000").text();
    for (Endpoint e : endpoints) {
      String path = concretePath(e) + "?strict-probe=1";
      Reply r = http.send(tokenFor(e, tokens), e.method(), path, e.bodyType() == null ? null : "{}",
          e.bodyType() == null ? null : "application/json");
      assertError(r, 400);
      String message = r.get("message").asText();
      assertThat(message).as(e.toString()).startsWith("unknown query parameter 'strict-probe'; " + e.method() + " ");
      if (e.queryParams().isEmpty()) {
        assertThat(message).as(e.toString()).endsWith("takes no query parameters");
      } else {
        assertThat(message).as(e.toString()).endsWith(" accepts: " + String.join(", ", e.queryParams()));
      }
    }
    assertThat(chainLength()).isEqualTo(before);
    assertThat(http.get(adminA, "/api/v1/agents?limit=1000").text()).isEqualTo(agentsBefore);
  }

  /** Every answer of the list shape ({@code items} and {@code nextCursor}) pages by {@code cursor} and {@code limit}. */
  @Test
  void everyListTakesACursorAndALimit() {
    List<Endpoint> lists = Endpoints.of(server.resourceClasses()).stream()
        .filter(e -> e.method().equals("GET") && isList(e.handler().getReturnType())).toList();
    assertThat(lists).hasSizeGreaterThan(15);
    assertThat(lists).allSatisfy(e -> assertThat(e.queryParams()).as(e.toString()).contains("cursor", "limit"));
  }

  @Test
  void anUnknownOrRepeatedQueryParameterIsRefusedAndNamed() {
    Reply kind = http.get(auditor, "/api/v1/audit/entries?kind=decision");
    assertError(kind, 400);
    assertThat(kind.get("message").asText()).isEqualTo(
        "unknown query parameter 'kind'; GET /api/v1/audit/entries accepts: cursor, limit");
    Reply two = http.get(adminA, "/api/v1/agents?tenantId=x&limit=1&foo=");
    assertError(two, 400);
    assertThat(two.get("message").asText()).isEqualTo(
        "unknown query parameters 'foo', 'tenantId'; GET /api/v1/agents accepts: cursor, limit");
    Reply none = http.get(auditor, "/api/v1/audit/verify?full=true");
    assertError(none, 400);
    assertThat(none.get("message").asText()).endsWith("GET /api/v1/audit/verify takes no query parameters");
    Reply repeated = http.get(adminA, "/api/v1/agents?limit=1&limit=2");
    assertError(repeated, 400);
    assertThat(repeated.get("message").asText()).contains("'limit' given 2 times");
    Reply missing = http.get(adminA, "/api/v1/agents/agt_00000000000000000000000000?expand=owner");
    assertError(missing, 400);
    assertThat(missing.get("message").asText()).contains("'expand'");
    // Names are compared as sent: the API's parameters are camelCase, nothing else is.
    assertError(http.get(adminA, "/api/v1/agents?Limit=1"), 400);
    assertThat(http.get(adminA, "/api/v1/agents?limit=1&cursor=").status()).isEqualTo(200);
  }

  @Test
  void aWriteWithAnUnknownQueryParameterIsRefusedAndChangesNothing() {
    String agentId = newAgent("strict-write");
    String tokenId = created(http.post(adminA, "/api/v1/tokens", "{\"name\":\"keep\",\"role\":\"auditor\"}"))
        .get("id").asText();
    long before = chainLength();
    String agentsBefore = http.get(adminA, "/api/v1/agents?limit=1000").text();
    assertError(http.post(adminA, "/api/v1/agents?dryRun=true", agent("not-made", ownerA)), 400);
    assertError(http.patch(adminA, "/api/v1/agents/" + agentId + "?force=true", "{\"status\":\"retired\"}"), 400);
    assertError(http.delete(adminA, "/api/v1/tokens/" + tokenId + "?cascade=true"), 400);
    assertError(http.send(adminA, "PUT", "/api/v1/connections/con_x/credential?rotate=1", "{\"secret\":\"s\"}",
        "application/json"), 400);
    assertThat(chainLength()).isEqualTo(before);
    assertThat(http.get(adminA, "/api/v1/agents?limit=1000").text()).isEqualTo(agentsBefore);
    assertThat(http.get(adminA, "/api/v1/tokens?limit=1000").text()).contains(tokenId);
  }

  @Test
  void theControlsPageLikeEveryOtherList() {
    assertError(http.get(auditor, "/api/v1/controls?cursor=XX-9"), 400);
    assertError(http.get(auditor, "/api/v1/controls?limit=0"), 422);
    Reply first = http.get(auditor, "/api/v1/controls?limit=2");
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("nextCursor").asText()).isEqualTo(first.get("items").get(1).get("id").asText());
    List<String> seen = new ArrayList<>();
    String cursor = "";
    do {
      Reply page = http.get(auditor, "/api/v1/controls?limit=2&cursor=" + cursor);
      assertThat(page.get("items").size()).isBetween(1, 2);
      page.get("items").forEach(c -> seen.add(c.get("id").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    assertThat(seen).hasSize(18).doesNotHaveDuplicates()
        .isEqualTo(http.get(auditor, "/api/v1/controls").get("items").findValuesAsText("id"));
  }

  @Test
  void grantsReviewsAndKeysPageToo() {
    String vendor = created(http.post(adminA, "/api/v1/vendors", ControlPlaneApiContract.vendor("Paged", "low")))
        .get("id").asText();
    String connection = created(http.post(adminA, "/api/v1/connections",
        ControlPlaneApiContract.connection("Paged CRM", vendor, "https://paged.example"))).get("id").asText();
    String agentId = newAgent("paged-grants");
    List<String> grants = new ArrayList<>();
    List<String> reviews = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      grants.add(created(http.post(adminA, "/api/v1/agents/" + agentId + "/grants", "{\"connectionId\":\""
          + connection + "\",\"scopes\":[\"crm:read\"],\"requestedBy\":\"" + ownerA + "\",\"approvedBy\":\""
          + ownerA + "\"}")).get("id").asText());
      reviews.add(0, created(http.post(adminA, "/api/v1/vendors/" + vendor + "/reviews", "{\"reviewedAt\":\""
          + Instant.now().minusSeconds(3600 - i) + "\",\"reviewer\":\"r\",\"outcome\":\"approved\"}"))
          .get("id").asText());
    }
    http.post(adminA, "/api/v1/keys/rotate", null);
    http.post(adminA, "/api/v1/keys/rotate", null);
    assertThat(pageThrough(adminA, "/api/v1/agents/" + agentId + "/grants?all=true")).isEqualTo(grants);
    assertThat(pageThrough(adminA, "/api/v1/agents/" + agentId + "/grants")).isEqualTo(grants);
    assertThat(pageThrough(adminA, "/api/v1/vendors/" + vendor + "/reviews")).isEqualTo(reviews);
    List<String> keys = http.get(adminA, "/api/v1/keys").get("items").findValuesAsText("keyId");
    assertThat(keys).hasSizeGreaterThanOrEqualTo(2);
    assertThat(pageThrough(adminA, "/api/v1/keys")).isEqualTo(keys);
  }

  private static boolean isList(Class<?> type) {
    return type.isRecord() && Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList()
        .containsAll(List.of("items", "nextCursor"));
  }

  /** A token of a role the endpoint allows: admin's when it may, none when it names no role. */
  private static String tokenFor(Endpoint e, Map<String, String> tokens) {
    RolesAllowed roles = e.handler().getAnnotation(RolesAllowed.class);
    if (roles == null) roles = e.handler().getDeclaringClass().getAnnotation(RolesAllowed.class);
    if (roles == null) return null;
    List<String> allowed = List.of(roles.value());
    return allowed.contains(Roles.ADMIN) ? tokens.get(Roles.ADMIN) : tokens.get(allowed.get(0));
  }

  /** {@code e}'s path with each parameter given a value its regex allows that names nothing stored. */
  private static String concretePath(Endpoint e) {
    StringBuilder path = new StringBuilder();
    for (Segment s : e.segments()) {
      path.append('/').append(s.isParam() ? sample(s.regex()) : s.literal());
    }
    return path.toString();
  }

  private static String sample(String regex) {
    if (regex == null || "x".matches(regex)) return "x";
    String first = regex.split("\\|")[0].replace("\\", "");
    assertThat(first).as(regex).matches(regex);
    return first;
  }

  // --- bad input changes nothing ----------------------------------------------------------

  List<Bad> badInputs(String agentId, String userId) {
    String json = "application/json";
    List<Bad> bad = new ArrayList<>();
    for (String path : List.of("/api/v1/tokens", "/api/v1/users", "/api/v1/agents")) {
      bad.add(new Bad("POST", path, "{}", json, 422));
      bad.add(new Bad("POST", path, null, json, 422));
      bad.add(new Bad("POST", path, "{\"name\":", json, 400));
      bad.add(new Bad("POST", path, "[1,2]", json, 400));
      bad.add(new Bad("POST", path, "name=x", "text/plain", 415));
      bad.add(new Bad("POST", path, "{\"name\":\"x\",\"tenantId\":\"" + tenantA + "\"}", json, 400));
    }
    bad.add(new Bad("POST", "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"root\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/tokens", "{\"name\":5,\"role\":\"admin\"}", json, 400));
    bad.add(new Bad("POST", "/api/v1/tokens", "{\"name\":\"x\",\"role\":5}", json, 400));
    bad.add(new Bad("POST", "/api/v1/tokens", "{\"name\":\" \",\"role\":\"admin\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/users", user("not-an-email", "admin"), json, 422));
    bad.add(new Bad("POST", "/api/v1/users", user("a@acme.example", "ingest"), json, 422));
    bad.add(new Bad("POST", "/api/v1/users", user("a@acme.example", "superuser"), json, 422));
    bad.add(new Bad("POST", "/api/v1/users",
        "{\"email\":\"a@acme.example\",\"name\":\"A\",\"role\":\"admin\",\"password\":\"short\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/users",
        "{\"email\":\"a@acme.example\",\"name\":[\"A\"],\"role\":\"admin\",\"password\":\"long enough pass\"}",
        json, 400));
    bad.add(new Bad("PATCH", "/api/v1/users/" + userId, "{}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/users/" + userId, "{\"active\":\"no\"}", json, 400));
    bad.add(new Bad("PATCH", "/api/v1/users/" + userId, "{\"active\":0}", json, 400));
    bad.add(new Bad("PATCH", "/api/v1/users/" + userId, "{\"role\":\"agent\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/agents", agent("x", "usr_nobody"), json, 422));
    bad.add(new Bad("POST", "/api/v1/agents", "{\"name\":\"x\",\"ownerId\":7}", json, 400));
    bad.add(new Bad("POST", "/api/v1/agents", "{\"name\":\"" + "x".repeat(201) + "\",\"ownerId\":\"u\"}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/agents/" + agentId, "{\"status\":\"zombie\"}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/agents/" + agentId, "{\"status\":null}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/agents/" + agentId, "{}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/agents/" + agentId, "status=retired", "text/plain", 415));
    bad.add(new Bad("POST", "/api/v1/agents/" + agentId + "/tokens", "{\"name\":\"\"}", json, 422));
    // Text no database stores alike: a NUL, an unpaired surrogate (escaped, or as raw overlong bytes).
    bad.add(new Bad("POST", "/api/v1/agents", "{\"name\":\"a\\u0000b\",\"ownerId\":\"" + userId + "\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/tokens", "{\"name\":\"x\\ud800\",\"role\":\"admin\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/tokens", "{\"name\":\"x\\udc00y\",\"role\":\"admin\"}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/agents/" + agentId, "{\"description\":\"\u0000\"}", json, 400)); // raw: not JSON
    bad.add(new Bad("GET", "/api/v1/agents?after=%00", null, json, 400));
    // Overlong and surrogate UTF-8 in a query decode to U+FFFD: plain text, judged as any value.
    bad.add(new Bad("GET", "/api/v1/agents?cursor=%C0%80", null, json, 400));
    bad.add(new Bad("GET", "/api/v1/events?from=%ED%A0%80", null, json, 400));
    bad.add(new Bad("GET", "/api/v1/findings?controlId=%ED%A0%80", null, json, 422));
    // Times outside 1970..9999, or as numbers, in a query and in a body.
    bad.add(new Bad("GET", "/api/v1/events?from=0000-01-01T00:00:00Z", null, json, 400));
    bad.add(new Bad("GET", "/api/v1/audit/checkpoints?from=-999999999-01-01T00:00:00Z", null, json, 400));
    for (String detectedAt : List.of("\"+1000000000-12-31T23:59:59Z\"", "\"-5000-01-01T00:00:00Z\"", "1700000000")) {
      bad.add(new Bad("POST", "/api/v1/incidents", "{\"title\":\"t\",\"severity\":\"sev3\",\"detectedAt\":"
          + detectedAt + ",\"affectsCustomerData\":false}", json, 400));
    }
    return bad;
  }

  @Test
  void badInputGetsAClearJsonErrorAndChangesNothing() throws Exception {
    String agentId = newAgent("target");
    String userId = ownerA;
    long before = chainLength();
    String agentsBefore = http.get(adminA, "/api/v1/agents?limit=1000").text();
    assertEachRefused(adminA, badInputs(agentId, userId));
    byte[] overLimit = ("{\"name\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}").getBytes(
        java.nio.charset.StandardCharsets.UTF_8);
    assertError(http.sendChunked(adminA, "/api/v1/agents", overLimit), 413);
    // An overlong NUL (C0 80), which a lenient UTF-8 decoder reads as U+0000.
    byte[] overlong = "{\"name\":\"x\u0001\",\"role\":\"admin\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = new String(overlong, java.nio.charset.StandardCharsets.UTF_8).indexOf('\u0001');
    byte[] withOverlong = new byte[overlong.length + 1];
    System.arraycopy(overlong, 0, withOverlong, 0, at);
    withOverlong[at] = (byte) 0xC0;
    withOverlong[at + 1] = (byte) 0x80;
    System.arraycopy(overlong, at + 1, withOverlong, at + 2, overlong.length - at - 1);
    Reply overlongReply = http.sendChunked(adminA, "/api/v1/tokens", withOverlong);
    assertThat(overlongReply.status()).as(overlongReply.text()).isIn(400, 422);
    assertError(overlongReply, overlongReply.status());
    for (String path : List.of("/api/v1/tokens", "/api/v1/users", "/api/v1/agents")) {
      assertThat(http.declareOversize(adminA, path, 3L * 1024 * 1024)).startsWith("HTTP/1.1 413");
    }
    assertThat(chainLength()).isEqualTo(before);
    assertThat(http.get(adminA, "/api/v1/agents?limit=1000").text()).isEqualTo(agentsBefore);
  }

  // --- headers and Jetty's own errors ------------------------------------------------------

  @Test
  void errorsJettyRaisesItselfAreJsonAndEveryResponseForbidsSniffingAndCaching() throws Exception {
    String longUri = "GET /api/v1/" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
    String bigHeader = "GET /api/v1/agents HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n";
    for (String request : List.of("GET /api/v1/agents/agt_%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", longUri, bigHeader,
        // Whatever the method (Jetty writes its error bodies for GET, POST and HEAD only).
        "PATCH /api/v1/users/%C0%80 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "DELETE /api/v1/tokens/%2F HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "PUT /api/v1/connections/%2e%2e/credential HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /api/v1/agents HTTP/3.7\r\nHost: x\r\n\r\n")) {
      String response = http.raw(request);
      String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).toLowerCase();
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      assertThat(head).as(request.substring(0, 40)).matches("(?s)http/1\\.1 (400|414|431|505) .*")
          .contains("content-type: application/json").contains("x-content-type-options: nosniff");
      assertThat(Http.JSON.readTree(body).get("code").asInt()).isBetween(400, 505);
      assertThat(body).doesNotContain("aaaa").doesNotContain("%zz");
    }
    Reply token = http.post(adminA, "/api/v1/tokens", "{\"name\":\"cache\",\"role\":\"auditor\"}");
    assertThat(token.status()).isEqualTo(201);
    String raw = http.raw("GET /api/v1/agents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + adminA
        + "\r\nConnection: close\r\n\r\n").toLowerCase();
    assertThat(raw).startsWith("http/1.1 200").contains("x-content-type-options: nosniff")
        .contains("cache-control: no-store");
    String missing = http.raw("GET /nothing/here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").toLowerCase();
    assertThat(missing).startsWith("http/1.1 404").contains("x-content-type-options: nosniff")
        .contains("application/json");
  }

  // --- tenancy: another tenant's ids are 404 ----------------------------------------------

  @Test
  void anotherTenantsIdsAnswerExactlyLikeMissingOnes() {
    long before = chainLength();
    Reply missing = http.get(adminA, "/api/v1/agents/agt_00000000000000000000000000");
    Reply theirs = http.get(adminA, "/api/v1/agents/" + agentB);
    assertError(theirs, 404);
    assertThat(theirs.get("message").asText()).isEqualTo(
        missing.get("message").asText().replace("agt_00000000000000000000000000", agentB));
    assertError(http.patch(adminA, "/api/v1/agents/" + agentB, "{\"status\":\"retired\"}"), 404);
    assertError(http.post(adminA, "/api/v1/agents/" + agentB + "/tokens", null), 404);
    assertError(http.get(adminA, "/api/v1/users/" + ownerB), 404);
    assertError(http.patch(adminA, "/api/v1/users/" + ownerB, "{\"active\":false}"), 404);
    assertError(http.delete(adminA, "/api/v1/tokens/" + tokenB), 404);
    assertError(http.post(adminA, "/api/v1/agents", agent("x", ownerB)), 422);
    assertThat(http.get(adminA, "/api/v1/agents?limit=1000").text()).doesNotContain(agentB);
    assertThat(http.get(adminA, "/api/v1/users?limit=1000").text()).doesNotContain(ownerB);
    assertThat(http.get(adminA, "/api/v1/tokens?limit=1000").text()).doesNotContain(tokenB);
    assertThat(chainLength()).isEqualTo(before);
    assertThat(http.get(adminB, "/api/v1/agents/" + agentB).get("status").asText()).isEqualTo("active");
  }

  // --- roles ------------------------------------------------------------------------------

  @Test
  void eachRoleMayDoOnlyWhatItsRoleAllows() {
    String agentId = newAgent("role-target");
    String agentToken = created(http.post(adminA, "/api/v1/agents/" + agentId + "/tokens", null))
        .get("token").asText();
    long before = chainLength();
    for (String token : List.of(compliance, auditor, ingest, agentToken)) {
      assertError(http.post(token, "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"admin\"}"), 403);
      assertError(http.get(token, "/api/v1/tokens"), 403);
      assertError(http.delete(token, "/api/v1/tokens/tok_x"), 403);
      assertError(http.post(token, "/api/v1/users", user("x@acme.example", "admin")), 403);
      assertError(http.patch(token, "/api/v1/users/" + ownerA, "{\"active\":false}"), 403);
      assertError(http.post(token, "/api/v1/agents", agent("x", ownerA)), 403);
      assertError(http.patch(token, "/api/v1/agents/" + agentId, "{\"status\":\"retired\"}"), 403);
      assertError(http.post(token, "/api/v1/agents/" + agentId + "/tokens", null), 403);
    }
    for (String token : List.of(ingest, agentToken)) {
      assertError(http.get(token, "/api/v1/agents"), 403);
      assertError(http.get(token, "/api/v1/users"), 403);
    }
    for (String token : List.of(ingest, agentToken)) {
      assertError(http.get(token, "/api/v1/audit/entries"), 403);
    }
    assertThat(http.get(compliance, "/api/v1/agents/" + agentId).status()).isEqualTo(200);
    assertThat(http.get(compliance, "/api/v1/users").status()).isEqualTo(200);
    assertThat(http.get(auditor, "/api/v1/agents/" + agentId).status()).isEqualTo(200);
    assertThat(http.get(auditor, "/api/v1/users").status()).isEqualTo(200);
    assertThat(http.get(auditor, "/api/v1/audit/verify").status()).isEqualTo(200);
    assertThat(chainLength()).isEqualTo(before);
  }

  @Test
  void aTokenInTheUrlIsRefusedAndTellsTheClientToMoveIt() {
    Reply r = http.get(null, "/api/v1/agents?access_token=" + adminA);
    assertError(r, 400);
    assertThat(r.get("message").asText()).contains("Authorization header").doesNotContain(adminA);
    assertError(http.get(adminA, "/api/v1/agents?token=" + adminA), 400);
  }

  @Test
  void anAgentsStatusChangesWhenItsOwnerHasLeftAndASuspendedAgentStillReportsWhatItDid() {
    String gone = created(http.post(adminA, "/api/v1/users", user("left@acme.example", "admin"))).get("id").asText();
    String agentId = created(http.post(adminA, "/api/v1/agents", agent("leftover", gone))).get("id").asText();
    String agentToken = created(http.post(adminA, "/api/v1/agents/" + agentId + "/tokens", null)).get("token").asText();
    assertThat(http.patch(adminA, "/api/v1/users/" + gone, "{\"active\":false}").status()).isEqualTo(200);

    // Suspending must work whoever owns the agent: an owner who left is the usual reason.
    Reply suspended = http.patch(adminA, "/api/v1/agents/" + agentId, "{\"status\":\"suspended\"}");
    assertThat(suspended.status()).as(suspended.text()).isEqualTo(200);

    // What a suspended agent did before it heard is evidence: its token may still report it.
    String vendor = created(http.post(adminA, "/api/v1/vendors", "{\"name\":\"V\",\"criticality\":\"low\","
        + "\"services\":\"x\",\"dataShared\":\"y\"}")).get("id").asText();
    String connection = created(http.post(adminA, "/api/v1/connections", "{\"name\":\"C\",\"app\":\"crm\","
        + "\"vendorId\":\"" + vendor + "\",\"endpoint\":\"https://crm.example\"}")).get("id").asText();
    Reply reported = http.post(agentToken, "/api/v1/events", "{\"events\":[{\"agentId\":\"" + agentId
        + "\",\"connectionId\":\"" + connection + "\",\"action\":\"crm:read\",\"resource\":\"r\","
        + "\"outcome\":\"success\",\"occurredAt\":\"" + Instant.now() + "\"}]}");
    assertThat(reported.status()).as(reported.text()).isEqualTo(202);
  }

  @Test
  void theLastAdminTokenCannotBeRevoked() {
    Reply tokens = http.get(adminA, "/api/v1/tokens?limit=1000");
    List<String> admins = new ArrayList<>();
    tokens.get("items").forEach(t -> {
      if (t.get("role").asText().equals("admin") && t.get("revokedAt").isNull()) admins.add(t.get("id").asText());
    });
    assertThat(admins).hasSize(1);
    assertError(http.delete(adminA, "/api/v1/tokens/" + admins.get(0)), 409);
    assertThat(http.get(adminA, "/api/v1/tokens").status()).isEqualTo(200);
  }

  @Test
  void aTypeErrorNamesTheFieldWithoutEchoingTheValue() {
    Reply r = http.post(adminA, "/api/v1/users",
        "{\"email\":\"x@acme.example\",\"name\":\"X\",\"role\":\"admin\",\"password\":123456789012345}");
    assertError(r, 400);
    assertThat(r.get("message").asText()).startsWith("password:").doesNotContain("123456789012345");
  }

  @Test
  void aDeactivatedUserCannotOwnANewAgent() {
    String gone = created(http.post(adminA, "/api/v1/users", user("gone@acme.example", "admin"))).get("id").asText();
    assertThat(http.patch(adminA, "/api/v1/users/" + gone, "{\"active\":false}").status()).isEqualTo(200);
    assertError(http.post(adminA, "/api/v1/agents", agent("orphan", gone)), 422);
  }

  @Test
  void noTokenOrAnUnknownTokenIs401() {
    assertError(http.get(null, "/api/v1/agents"), 401);
    assertError(http.get("vgl_unknown", "/api/v1/agents"), 401);
    assertError(http.post(null, "/api/v1/agents", agent("x", ownerA)), 401);
  }

  @Test
  void theAdminPortReportsADatabaseHealthCheck() {
    Reply health = new Http(server.adminPort()).get(null, "/healthcheck");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.get("database").get("healthy").asBoolean()).isTrue();
    assertThat(health.get("keys").get("healthy").asBoolean()).isTrue();
    assertThat(health.get("scheduler").get("healthy").asBoolean()).isTrue();
    assertThat(health.get("checkpoint-sinks").get("healthy").asBoolean()).as(health.text()).isTrue();
    assertThat(health.text()).doesNotContain("keyValue").doesNotContain("encryptedKeyset");
    assertThat(new Http(server.adminPort()).get(null, "/metrics").status()).isEqualTo(200);
  }
}
