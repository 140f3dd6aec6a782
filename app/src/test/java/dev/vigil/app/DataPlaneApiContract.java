package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.app.Http.Reply;
import dev.vigil.app.cli.VerifyCommand;
import dev.vigil.app.metrics.PromText;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.BundleVerifier;
import dev.vigil.controls.audit.CanonicalJson;
import dev.vigil.controls.audit.NotesFile;
import dev.vigil.controls.audit.SignedNote;
import dev.vigil.collectors.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Authorize, lease, ingest, query, checkpoints and export over HTTP, on a real server and database. */
abstract class DataPlaneApiContract extends ApiFixture {

  static final Duration WAIT = Duration.ofSeconds(20);

  String approver;
  String vendor;
  String crm;
  String mail;
  String agent;
  String agentToken;

  @BeforeAll
  void dataPlane() {
    approver = created(http.post(adminA, "/api/v1/users", user("dora@acme.example", "admin"))).get("id").asText();
    vendor = created(http.post(adminA, "/api/v1/vendors", "{\"name\":\"Salesforce\",\"criticality\":\"high\"}"))
        .get("id").asText();
    crm = connection("CRM");
    mail = connection("Mail");
    agent = newAgent("sales-assistant");
    agentToken = tokenOf(agent);
    grant(agent, crm, "[\"crm:read\",\"crm:write\"]", null);
    grant(agent, mail, "[\"mail:*\"]", null);
    assertThat(http.send(adminA, "PUT", "/api/v1/connections/" + crm + "/credential",
        "{\"secret\":\"crm-api-key-123\"}", "application/json").status()).isEqualTo(204);
  }

  String connection(String name) {
    return created(http.post(adminA, "/api/v1/connections", "{\"name\":\"" + name + "\",\"app\":\"crm\","
        + "\"vendorId\":\"" + vendor + "\",\"endpoint\":\"https://x.example\"}")).get("id").asText();
  }

  String tokenOf(String agentId) {
    return created(http.post(adminA, "/api/v1/agents/" + agentId + "/tokens", null)).get("token").asText();
  }

  String grant(String agentId, String connection, String scopes, Instant expiresAt) {
    return created(http.post(adminA, "/api/v1/agents/" + agentId + "/grants", "{\"connectionId\":\"" + connection
        + "\",\"scopes\":" + scopes + ",\"justification\":\"j\",\"requestedBy\":\"" + ownerA
        + "\",\"approvedBy\":\"" + approver + "\"" + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"")
        + "}")).get("id").asText();
  }

  Reply authorize(String token, String agentId, String connection, String action) {
    return http.post(token, "/api/v1/authorize", "{" + (agentId == null ? "" : "\"agentId\":\"" + agentId + "\",")
        + "\"connectionId\":\"" + connection + "\",\"action\":\"" + action + "\"}");
  }

  String reason(Reply r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.get("decision").asText() + ": " + r.get("reason").asText();
  }

  /** The latest entry that records a change (control runs append in the background). */
  JsonNode lastEntry() {
    long total = http.get(auditor, "/api/v1/audit/verify").get("checked").asLong();
    JsonNode items = http.get(auditor, "/api/v1/audit/entries?limit=1000&cursor=" + Math.max(0, total - 1000))
        .get("items");
    for (int i = items.size() - 1; i >= 0; i--) {
      if (!items.get(i).get("kind").asText().equals("control.run")) return items.get(i);
    }
    throw new AssertionError("no change among the last entries");
  }

  String event(String agentId, String connection, String action, Instant at, String id) {
    return "{\"agentId\":\"" + agentId + "\",\"connectionId\":\"" + connection + "\",\"action\":\"" + action
        + "\",\"resource\":\"r/" + id + "\",\"outcome\":\"success\",\"occurredAt\":\"" + at
        + "\",\"attributes\":{\"eventId\":\"" + id + "\"}}";
  }

  // --- metrics --------------------------------------------------------------------------------

  @Test
  void theAdminPortsMetricsCountWhatTheServiceDidLabelledByRouteNeverByPath() throws Exception {
    PromText before = MetricsScrape.of(server);
    assertThat(reason(authorize(agentToken, null, crm, "crm:read"))).startsWith("allow");
    assertThat(reason(authorize(agentToken, null, mail, "mail:send"))).startsWith("allow");
    assertThat(reason(authorize(agentToken, null, crm, "crm:delete"))).startsWith("deny");
    List<String> events = new ArrayList<>();
    Instant at = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 25; i++) events.add(event(agent, crm, "crm:read", at, "metrics-" + i));
    assertThat(http.post(ingest, "/api/v1/events", "{\"events\":[" + String.join(",", events) + "]}").status())
        .isEqualTo(202);
    assertError(http.get(adminA, "/api/v1/agents/agt-metrics-nobody"), 404);
    PromText after = MetricsScrape.of(server);

    assertThat(MetricsScrape.grew(before, after, "vigil_decisions_total", Map.of("decision", "allow"))).isEqualTo(2);
    assertThat(MetricsScrape.grew(before, after, "vigil_decisions_total", Map.of("decision", "deny"))).isEqualTo(1);
    assertThat(MetricsScrape.grew(before, after, "vigil_ingest_events_total", Map.of())).isEqualTo(25);
    assertThat(MetricsScrape.grew(before, after, "vigil_ingest_batches_total", Map.of())).isEqualTo(1);
    // The data plane's three decisions and 25 events, in at least two group commits.
    assertThat(MetricsScrape.grew(before, after, "vigil_audit_group_entries_sum", Map.of())).isEqualTo(28);
    assertThat(MetricsScrape.grew(before, after, "vigil_audit_commit_duration_seconds_count",
        Map.of("outcome", "committed"))).isBetween(2.0, 4.0);
    assertThat(MetricsScrape.grew(before, after, "vigil_http_request_duration_seconds_count",
        Map.of("method", "POST", "route", "/api/v1/authorize", "status", "2xx"))).isEqualTo(3);
    assertThat(MetricsScrape.grew(before, after, "vigil_http_request_duration_seconds_count",
        Map.of("method", "GET", "route", "/api/v1/agents/{id}", "status", "4xx"))).isEqualTo(1);
    assertThat(after.families().values()).allSatisfy(f -> assertThat(f.samples())
        .allSatisfy(sample -> assertThat(sample.labels().values()).noneMatch(v -> v.contains("agt-metrics-nobody"))));
    assertThat(after.family("vigil_scheduler_misfires_total").samples()).hasSize(5);
    assertThat(after.family("jvm_memory_used_bytes").samples()).isNotEmpty();

    // Read at each scrape: signing and indexing catch up with the chain, tenant by tenant.
    Map<String, String> ours = Map.of("tenant", tenantA);
    Poll.until(WAIT, () -> MetricsScrape.of(server), m -> m.value("vigil_checkpoint_unsigned_entries", ours) == 0
        && m.value("vigil_checkpoint_age_seconds", ours) == 0
        && m.value("vigil_evidence_index_lag_entries", ours) == 0
        && m.sum("vigil_delivery_outcomes_total", Map.of("kind", "checkpoint", "outcome", "delivered")) > 0);
    // Control runs and open findings agree with the database once the runs the changes set off are done.
    Poll.until(WAIT, () -> {
      PromText m = MetricsScrape.of(server);
      return List.of(m.sum("vigil_control_runs_total", Map.of()), count("SELECT COUNT(*) FROM control_runs"),
          m.sum("vigil_findings_open", Map.of()), count("SELECT COUNT(*) FROM findings WHERE status = 'OPEN'"));
    }, c -> c.get(0) > 0 && c.get(0).equals(c.get(1)) && c.get(2).equals(c.get(3)));
    String promtool = MetricsScrape.promtool(server);
    if (promtool != null) assertThat(promtool).startsWith("0 ");
  }

  private double count(String sql) {
    try {
      return Double.parseDouble(server.query(sql).get(0));
    } catch (Exception e) {
      throw new AssertionError(sql, e);
    }
  }

  // --- decisions ----------------------------------------------------------------------------

  @Test
  void decisionsAllowByScopeAndDenyWithAPlainReasonEachAudited() throws Exception {
    Reply allow = authorize(agentToken, null, crm, "crm:read");
    assertThat(reason(allow)).startsWith("allow: allowed by grant");
    JsonNode recorded = lastEntry();
    assertThat(recorded.get("kind").asText()).isEqualTo("decision");
    assertThat(recorded.get("data").get("decisionId").asText()).isEqualTo(allow.get("decisionId").asText());
    assertThat(recorded.get("data").get("grantId").asText()).isEqualTo(allow.get("grantId").asText());

    assertThat(reason(authorize(agentToken, null, mail, "mail:send"))).startsWith("allow");
    assertThat(reason(authorize(agentToken, null, crm, "crm:delete")))
        .isEqualTo("deny: no scope of an active grant allows crm:delete");
    assertThat(reason(authorize(agentToken, null, "con_00000000000000000000000000", "crm:read")))
        .isEqualTo("deny: unknown connection");
    assertThat(reason(authorize(ingest, "agt_00000000000000000000000000", crm, "crm:read")))
        .isEqualTo("deny: unknown agent");
    assertThat(reason(authorize(ingest, agentB, crm, "crm:read"))).isEqualTo("deny: unknown agent");

    String other = newAgent("other");
    String g = grant(other, crm, "[\"*\"]", null);
    assertThat(reason(authorize(ingest, other, crm, "crm:anything"))).startsWith("allow");
    assertThat(http.delete(adminA, "/api/v1/agents/" + other + "/grants/" + g).status()).isEqualTo(204);
    assertThat(reason(authorize(ingest, other, crm, "crm:read"))).isEqualTo("deny: grant revoked");
    grant(other, mail, "[\"mail:read\"]", Instant.now().plusMillis(1500));
    assertThat(reason(authorize(ingest, other, mail, "mail:read"))).startsWith("allow");
    Thread.sleep(1600);
    assertThat(reason(authorize(ingest, other, mail, "mail:read"))).isEqualTo("deny: grant expired");
    assertThat(http.patch(adminA, "/api/v1/agents/" + other, "{\"status\":\"suspended\"}").status()).isEqualTo(200);
    assertThat(reason(authorize(ingest, other, crm, "crm:read"))).isEqualTo("deny: agent is suspended");
    assertThat(http.patch(adminA, "/api/v1/agents/" + other, "{\"status\":\"retired\"}").status()).isEqualTo(200);
    assertThat(reason(authorize(ingest, other, crm, "crm:read"))).isEqualTo("deny: agent is retired");
  }

  @Test
  void aRevokedTokenAllowsNothingMoreThoughDecisionsAuthenticateItFromMemory() {
    String a = newAgent("revocable");
    grant(a, crm, "[\"crm:read\"]", null);
    JsonNode issued = created(http.post(adminA, "/api/v1/agents/" + a + "/tokens", null));
    String token = issued.get("token").asText();
    assertThat(reason(authorize(token, null, crm, "crm:read"))).startsWith("allow");
    assertThat(http.delete(adminA, "/api/v1/tokens/" + issued.get("id").asText()).status()).isEqualTo(204);
    // The node may still hold the token: the decision's commit finds the tenant's policy moved
    // and re-checks it. Either way nothing is allowed, and the node reads the token again after.
    Reply first = authorize(token, null, crm, "crm:read");
    if (first.status() == 200) {
      assertThat(reason(first)).isEqualTo("deny: the caller's token is revoked");
      assertThat(lastEntry().get("data").get("decision").asText()).isEqualTo("deny");
    } else {
      assertThat(first.status()).isEqualTo(401);
    }
    assertError(authorize(token, null, crm, "crm:read"), 401);
    assertError(http.post(token, "/api/v1/connections/" + crm + "/credential/lease", "{\"action\":\"crm:read\"}"), 401);
    assertError(http.post(token, "/api/v1/events", "{\"events\":[]}"), 401);
  }

  @Test
  void decisionInputIsValidatedAndRolesChecked() {
    long before = chainLength();
    assertError(authorize(agentToken, null, crm, "not an action"), 422);
    assertError(authorize(ingest, null, crm, "crm:read"), 422);
    assertError(authorize(agentToken, agentB, crm, "crm:read"), 403);
    assertError(authorize(auditor, agent, crm, "crm:read"), 403);
    assertError(authorize(compliance, agent, crm, "crm:read"), 403);
    assertError(http.post(agentToken, "/api/v1/authorize", "{\"connectionId\":5,\"action\":\"crm:read\"}"), 400);
    assertError(http.post(agentToken, "/api/v1/authorize", "{\"connectionId\":\"" + crm + "\",\"verb\":\"read\"}"), 400);
    assertError(http.send(agentToken, "POST", "/api/v1/authorize", "x", "text/plain"), 415);
    assertThat(chainLength()).isEqualTo(before);
  }

  @Test
  void aDecisionIsAnsweredAlikeWhicheverWayTheServerTakesIt() throws Exception {
    // A plain request (UTF-8, no Accept or */*) is answered by the lean path; an Accept list or
    // another charset goes on to Jersey. The caller cannot tell them apart, and each decision is
    // in the chain once.
    long before = chainLength();
    String json = "{\"connectionId\":\"" + crm + "\",\"action\":\"crm:read\"}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    List<Reply> replies = List.of(
        http.send(agentToken, "POST", "/api/v1/authorize", body, "application/json", null),
        http.send(agentToken, "POST", "/api/v1/authorize", body, "application/json; charset=UTF-8", "*/*"),
        http.send(agentToken, "POST", "/api/v1/authorize", body, "application/json", "application/json, text/plain"),
        http.send(agentToken, "POST", "/api/v1/authorize", body, "application/json; charset=ISO-8859-1", null));
    for (Reply r : replies) {
      assertThat(reason(r)).startsWith("allow");
      assertThat(r.contentType()).isEqualTo("application/json");
      List<String> fields = new ArrayList<>();
      r.json().fieldNames().forEachRemaining(fields::add);
      assertThat(fields).containsExactly("decision", "reason", "grantId", "decisionId");
    }
    assertThat(chainLength()).isEqualTo(before + replies.size());

    // Two tokens are none, to either path: Jersey joins repeated headers into one value.
    String twoTokens = http.raw("POST /api/v1/authorize HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + agentToken + "\r\nAuthorization: Bearer vgl_not_a_token\r\nContent-Type: application/json\r\n"
        + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n" + json);
    assertThat(twoTokens).startsWith("HTTP/1.1 401");
    assertThat(chainLength()).isEqualTo(before + replies.size());
  }

  @Test
  void anAuthorizeWhoseAuditAppendFailsIsAnErrorNeverAnUnloggedAllow() throws Exception {
    var tenant = server.createTenant("Failing Co");
    String admin = tenant.get("adminToken").asText();
    String owner = created(http.post(admin, "/api/v1/users", user("o@fail.example", "admin"))).get("id").asText();
    String v = created(http.post(admin, "/api/v1/vendors", "{\"name\":\"V\",\"criticality\":\"low\"}")).get("id").asText();
    String c = created(http.post(admin, "/api/v1/connections", "{\"name\":\"C\",\"app\":\"crm\",\"vendorId\":\"" + v
        + "\",\"endpoint\":\"https://c.example\"}")).get("id").asText();
    String a = created(http.post(admin, "/api/v1/agents", agent("bot", owner))).get("id").asText();
    created(http.post(admin, "/api/v1/agents/" + a + "/grants", "{\"connectionId\":\"" + c + "\",\"scopes\":[\"*\"],"
        + "\"requestedBy\":\"" + owner + "\",\"approvedBy\":\"" + owner + "\"}"));
    String token = created(http.post(admin, "/api/v1/agents/" + a + "/tokens", null)).get("token").asText();
    assertThat(authorize(token, null, c, "crm:read").get("decision").asText()).isEqualTo("allow");

    server.sql("DELETE FROM audit_heads WHERE tenant_id = '" + tenant.get("tenantId").asText() + "'");
    Reply r = authorize(token, null, c, "crm:read");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).doesNotContain("allow");
  }

  // --- leases -------------------------------------------------------------------------------

  @Test
  void aLeaseHandsTheSecretOnlyUnderAnAllowingGrantAndAuditsWithoutIt() {
    Reply lease = http.post(agentToken, "/api/v1/connections/" + crm + "/credential/lease", "{\"action\":\"crm:write\"}");
    assertThat(lease.status()).as(lease.text()).isEqualTo(200);
    assertThat(lease.get("secret").asText()).isEqualTo("crm-api-key-123");
    assertThat(Instant.parse(lease.get("expiresAt").asText())).isAfter(Instant.now());
    String grantId = lease.get("grantId").asText();
    JsonNode leased = lastEntry();
    assertThat(leased.get("kind").asText()).isEqualTo("credential.leased");
    assertThat(leased.get("data").get("grantId").asText()).isEqualTo(grantId);
    assertThat(leased.get("data").get("keyId").asText()).isNotBlank();
    assertThat(leased.toString()).doesNotContain("crm-api-key-123");

    assertError(http.post(agentToken, "/api/v1/connections/" + crm + "/credential/lease", "{\"action\":\"crm:delete\"}"), 403);
    assertThat(lastEntry().get("kind").asText()).isEqualTo("credential.lease_denied");
    assertError(http.post(agentToken, "/api/v1/connections/" + mail + "/credential/lease", "{\"action\":\"mail:send\"}"), 409);
    assertThat(lastEntry().get("data").get("grantId").isNull()).as("the allowing grant is named").isFalse();
    assertError(http.post(ingest, "/api/v1/connections/" + crm + "/credential/lease", "{\"action\":\"crm:read\"}"), 403);
    assertError(http.post(adminA, "/api/v1/connections/" + crm + "/credential/lease", "{\"action\":\"crm:read\"}"), 403);
    assertError(http.post(agentToken, "/api/v1/connections/" + crm + "/credential/lease", "{}"), 422);
    assertThat(http.get(auditor, "/api/v1/audit/entries?limit=1000").text()).doesNotContain("crm-api-key-123");
  }

  // --- ingest -------------------------------------------------------------------------------

  @Test
  void aBatchIsValidatedWholeAndStoredWholeOrNotAtAll() {
    String someoneElse = newAgent("someone-else");
    long before = chainLength();
    Instant t = Instant.parse("2026-11-24T15:00:00Z");
    String good = event(agent, crm, "crm:read", t, "ok");
    String json = "application/json";
    String path = "/api/v1/events";
    List<Bad> bad = new ArrayList<>();
    for (String body : List.of(
        "{\"events\":[]}",
        "{\"events\":[" + good + "," + event("agt_00000000000000000000000000", crm, "crm:read", t, "x") + "]}",
        "{\"events\":[" + good + "," + event(agent, "con_00000000000000000000000000", "crm:read", t, "x") + "]}",
        "{\"events\":[" + good + "," + event(agent, crm, "CRM READ", t, "x") + "]}",
        "{\"events\":[" + good.replace("\"success\"", "\"maybe\"") + "]}",
        "{\"events\":[" + good.replace("{\"eventId\":\"ok\"}", "{\"score\":0.5}") + "]}",
        "{\"events\":[" + good.replace("\"2026-11-24T15:00:00Z\"", "\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"") + "]}",
        "{\"events\":[" + good.replace("\"agentId\":\"" + agent + "\",", "") + "]}",
        "{\"events\":[" + good + ",null]}",
        "{\"events\":[" + good.replace("\"outcome\":\"success\",", "") + "]}",
        "{\"events\":[" + good.replace("\"r/ok\"", "\"" + "r".repeat(2001) + "\"") + "]}")) {
      bad.add(new Bad("POST", path, body, json, 422));
    }
    for (String body : List.of(
        "{\"events\":[" + good.replace("\"2026-11-24T15:00:00Z\"", "\"yesterday\"") + "]}",
        "{\"events\":[" + good.replace("\"outcome\":\"success\"", "\"outcome\":1") + "]}",
        "{\"events\":" + good + "}",
        "{\"events\":[" + good + "]")) {
      bad.add(new Bad("POST", path, body, json, 400));
    }
    assertEachRefused(ingest, bad);
    StringBuilder tooMany = new StringBuilder("{\"events\":[");
    for (int i = 0; i < 1001; i++) tooMany.append(i == 0 ? "" : ",").append(good);
    assertError(http.post(ingest, "/api/v1/events", tooMany + "]}"), 422);
    assertError(http.post(agentToken, "/api/v1/events", "{\"events\":[" + event(someoneElse, crm, "crm:read", t, "x") + "]}"), 403);
    assertError(http.post(auditor, "/api/v1/events", "{\"events\":[" + good + "]}"), 403);
    assertThat(chainLength()).isEqualTo(before);

    Reply ok = http.post(agentToken, "/api/v1/events", "{\"events\":[" + good + "," + good + "]}");
    assertThat(ok.status()).as(ok.text()).isEqualTo(202);
    assertThat(ok.get("accepted").asInt()).isEqualTo(2);
    assertThat(ok.get("lastSeq").asLong() - ok.get("firstSeq").asLong()).isEqualTo(1);
    assertThat(chainLength()).isEqualTo(before + 2);
  }

  @Test
  void aBodyShorterThanItsContentLengthIs400AndStoresNothing() throws Exception {
    long before = chainLength();
    String start = "{\"events\":";
    for (String path : List.of("/api/v1/events", "/api/v1/authorize")) {
      Reply r = http.sendTruncated(ingest, path, start, 100);
      assertError(r, 400);
      assertThat(r.get("message").asText()).as(path).contains("Content-Length");
    }
    Reply user = http.sendTruncated(adminA, "/api/v1/users", "{\"email\":", 100);
    assertError(user, 400);
    assertThat(chainLength()).isEqualTo(before);
    assertThat(http.post(ingest, "/api/v1/events", "{\"events\":["
        + event(agent, crm, "crm:read", Instant.now(), "after-eof") + "]}").status()).isEqualTo(202);
  }

  @Test
  void eventsAreFoundByAgentConnectionActionAndTimeWindowInSeqOrder() {
    String a = newAgent("query-target");
    Instant tuesday = Instant.parse("2026-11-24T00:00:00Z");
    StringBuilder batch = new StringBuilder("{\"events\":[");
    for (int h = 0; h < 24; h++) {
      batch.append(h == 0 ? "" : ",").append(event(a, h % 2 == 0 ? crm : mail, h % 3 == 0 ? "crm:write" : "crm:read",
          tuesday.plus(h, ChronoUnit.HOURS), "h" + h));
    }
    assertThat(http.post(ingest, "/api/v1/events", batch + "]}").status()).isEqualTo(202);
    String window = "&from=2026-11-24T14:00:00Z&to=2026-11-24T17:00:00Z";
    JsonNode afternoon = http.get(auditor, "/api/v1/events?agentId=" + a + window).get("items");
    assertThat(afternoon.findValuesAsText("eventId")).containsExactly("h14", "h15", "h16");
    assertThat(http.get(auditor, "/api/v1/events?agentId=" + a + "&connectionId=" + crm + window).get("items")
        .findValuesAsText("eventId")).containsExactly("h14", "h16");
    assertThat(http.get(auditor, "/api/v1/events?agentId=" + a + "&action=crm:write" + window).get("items")
        .findValuesAsText("eventId")).containsExactly("h15");
    assertThat(http.get(compliance, "/api/v1/events?connectionId=" + mail + "&action=crm:write" + window).get("items")
        .findValuesAsText("eventId")).contains("h15").doesNotContain("h14", "h16");
    assertThat(http.get(auditor, "/api/v1/events?limit=500" + window).get("items").findValuesAsText("eventId"))
        .contains("h14", "h15", "h16").doesNotContain("h13", "h17");
    assertThat(http.get(auditor, "/api/v1/events?action=crm:write&limit=500" + window).get("items")
        .findValuesAsText("eventId")).contains("h15").doesNotContain("h14", "h16");

    List<String> paged = new ArrayList<>();
    String cursor = "";
    do {
      Reply page = http.get(adminA, "/api/v1/events?agentId=" + a + "&limit=5&cursor=" + cursor);
      page.get("items").forEach(e -> paged.add(e.get("data").get("attributes").get("eventId").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    assertThat(paged).hasSize(24).startsWith("h0", "h1");
    assertError(http.get(auditor, "/api/v1/events?from=tuesday"), 400);
    assertError(http.get(auditor, "/api/v1/events?from=2026-11-24T17:00:00Z&to=2026-11-24T14:00:00Z"), 422);
    assertError(http.get(auditor, "/api/v1/events?cursor=last"), 400);
    assertError(http.get(ingest, "/api/v1/events"), 403);
    assertThat(http.get(adminB, "/api/v1/events?agentId=" + a).get("items")).isEmpty();
    assertThat(http.get(adminB, "/api/v1/events?limit=500" + window).get("items").findValuesAsText("eventId"))
        .doesNotContain("h14", "h15", "h16");
  }

  @Test
  void concurrentBatchesAreGroupCommittedIntoOneUnbrokenChain() throws Exception {
    long before = chainLength();
    int threads = 8;
    int requests = 10;
    int perRequest = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<long[]>> acks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int n = t;
      for (int r = 0; r < requests; r++) {
        int m = r;
        acks.add(pool.submit(() -> {
          StringBuilder batch = new StringBuilder("{\"events\":[");
          for (int i = 0; i < perRequest; i++) {
            batch.append(i == 0 ? "" : ",").append(event(agent, crm, "crm:read", Instant.now(), n + "-" + m + "-" + i));
          }
          Reply ok = new Http(server.port()).post(ingest, "/api/v1/events", batch + "]}");
          assertThat(ok.status()).as(ok.text()).isEqualTo(202);
          return new long[] {ok.get("firstSeq").asLong(), ok.get("lastSeq").asLong()};
        }));
      }
    }
    List<long[]> ranges = new ArrayList<>();
    for (Future<long[]> f : acks) ranges.add(f.get(120, TimeUnit.SECONDS));
    pool.shutdown();
    ranges.sort((x, y) -> Long.compare(x[0], y[0]));
    for (int i = 1; i < ranges.size(); i++) assertThat(ranges.get(i)[0]).isGreaterThan(ranges.get(i - 1)[1]);
    ranges.forEach(r -> assertThat(r[1] - r[0] + 1).isEqualTo(perRequest));
    assertThat(chainLength()).isGreaterThanOrEqualTo(before + (long) threads * requests * perRequest);
  }

  @Test
  void oversizedEventsAreRefusedAloneWhileTheTenantsOtherRequestsShareCommits() throws Exception {
    long before = chainLength();
    String oversized = "{\"events\":[" + event(agent, crm, "crm:read", Instant.now(), "fine") + ","
        + event(agent, crm, "crm:read", Instant.now(), "big").replace("\"big\"", "\"" + "x".repeat(1_100_000) + "\"")
        + "]}";
    int senders = 3;
    int rounds = 8;
    int perBatch = 20;
    ExecutorService pool = Executors.newFixedThreadPool(3 * senders);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<Future<Reply>> normal = new ArrayList<>();
    List<Future<Reply>> refused = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      int n = t;
      Http own = new Http(server.port());
      refused.add(pool.submit(() -> {
        go.await();
        Reply last = null;
        for (int r = 0; r < rounds; r++) {
          last = own.post(ingest, "/api/v1/events", oversized);
          assertError(last, 422);
          assertThat(last.get("message").asText()).startsWith("events[1]: ").contains("limit of 1048576 bytes");
        }
        return last;
      }));
      normal.add(pool.submit(() -> {
        go.await();
        Reply last = null;
        for (int r = 0; r < rounds; r++) {
          StringBuilder batch = new StringBuilder("{\"events\":[");
          for (int i = 0; i < perBatch; i++) {
            batch.append(i == 0 ? "" : ",").append(event(agent, crm, "crm:read", Instant.now(), n + "-" + r + "-" + i));
          }
          last = own.post(ingest, "/api/v1/events", batch + "]}");
          assertThat(last.status()).as(last.text()).isEqualTo(202);
        }
        return last;
      }));
      normal.add(pool.submit(() -> {
        go.await();
        Reply last = null;
        for (int r = 0; r < rounds; r++) {
          last = own.post(ingest, "/api/v1/authorize", "{\"agentId\":\"" + agent + "\",\"connectionId\":\"" + crm
              + "\",\"action\":\"crm:read\"}");
          assertThat(reason(last)).startsWith("allow");
        }
        return last;
      }));
    }
    go.countDown();
    // Every sender must finish without one failure: get() rethrows the first a sender saw.
    for (Future<Reply> f : normal) f.get(300, TimeUnit.SECONDS);
    for (Future<Reply> f : refused) f.get(300, TimeUnit.SECONDS);
    pool.shutdown();
    // The chain verifies (chainLength checks) and holds exactly the normal requests' entries.
    assertThat(chainLength()).isEqualTo(before + (long) senders * rounds * (perBatch + 1));
  }

  // --- checkpoints, export, verify ---------------------------------------------------------

  @Test
  void checkpointsAreSignedOnScheduleWithTheServedKey() throws Exception {
    assertThat(http.post(ingest, "/api/v1/events", "{\"events\":[" + event(agent, crm, "crm:read", Instant.now(), "cp")
        + "]}").status()).isEqualTo(202);
    long head = chainLength();
    JsonNode key = http.get(agentToken, "/api/v1/audit/public-key").json();
    assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");
    byte[] publicKey = Base64.getDecoder().decode(key.get("publicKey").asText());
    assertThat(publicKey).hasSize(32);
    JsonNode latest = null;
    for (int i = 0; i < 50 && (latest == null || latest.get("size").asLong() < head); i++) {
      Thread.sleep(200);
      JsonNode items = http.get(auditor, "/api/v1/audit/checkpoints?limit=1000").get("items");
      latest = items.size() == 0 ? null : items.get(items.size() - 1);
    }
    assertThat(latest).isNotNull();
    assertThat(latest.get("size").asLong()).isGreaterThanOrEqualTo(head);
    String note = latest.get("note").asText();
    assertThat(SignedNote.verify(note, key.get("keyName").asText(), publicKey)).isTrue();
    assertThat(note).startsWith("vigil/audit/" + tenantA + "\n" + latest.get("size").asLong() + "\n");
    byte[] sig = SignedNote.parse(note).signatures().get(0).keyIdAndSignature();
    assertThat(sig).hasSize(68);
    JsonNode all = http.get(auditor, "/api/v1/audit/checkpoints?limit=1000").get("items");
    Reply first = http.get(auditor, "/api/v1/audit/checkpoints?limit=1");
    assertThat(first.get("items")).hasSize(1);
    assertThat(first.get("items").get(0).get("size")).isEqualTo(all.get(0).get("size"));
    if (all.size() > 1) {
      // Background control runs keep the chain growing, so checkpoints signed meanwhile may
      // follow; those listed before come next, in order.
      JsonNode rest = http.get(auditor, "/api/v1/audit/checkpoints?limit=1000&cursor="
          + first.get("nextCursor").asText()).get("items");
      assertThat(rest.size()).isGreaterThanOrEqualTo(all.size() - 1);
      for (int i = 1; i < all.size(); i++) assertThat(rest.get(i - 1).get("size")).isEqualTo(all.get(i).get("size"));
    }
  }

  static JsonNode json(String text) {
    try {
      return Http.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  byte[] export(String token) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/api/v1/audit/export"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
    return r.body();
  }

  @Test
  void aHistoryRewrittenWhereTheDatabaseLivesVerifiesAloneButNotAgainstSavedCheckpoints() throws Exception {
    var tenant = server.createTenant("Rewrite Co");
    String tenantId = tenant.get("tenantId").asText();
    String admin = tenant.get("adminToken").asText();
    String owner = created(http.post(admin, "/api/v1/users", user("o@rewrite.example", "admin"))).get("id").asText();
    for (int i = 0; i < 3; i++) created(http.post(admin, "/api/v1/agents", agent("bot-" + i, owner)));
    Path before = Files.createTempFile("before", ".zip");
    Files.write(before, export(admin));
    Path saved = Files.createTempFile("saved", ".jsonl");
    Files.write(saved, String.join("\n", BundleContents.read(before).lines("checkpoints.jsonl"))
        .getBytes(StandardCharsets.UTF_8));
    // The sink directory holds a checkpoint that covers entry 3, the one about to be rewritten.
    // (Which checkpoints it holds depends on timing: one that arrives after a later one is
    // covered by it and not written.)
    Path sinkFile = server.checkpointNotes(tenantId);
    Poll.until(WAIT, () -> sinkNotes(sinkFile), n -> n.stream().anyMatch(note -> Long.parseLong(note.split("\n")[1]) >= 3));

    // Whoever holds the database edits entry 3, re-hashes every entry after it, moves the head
    // and deletes the checkpoints: the server then signs fresh ones over the forgery.
    server.directly(c -> {
      try (var lock = c.prepareStatement("SELECT seq FROM audit_heads WHERE tenant_id = ? FOR UPDATE")) {
        lock.setString(1, tenantId);
        lock.executeQuery().close();
      }
      String previous;
      try (var q = c.prepareStatement("SELECT hash FROM audit_entries WHERE tenant_id = ? AND seq = 2")) {
        q.setString(1, tenantId);
        try (var rs = q.executeQuery()) {
          rs.next();
          previous = rs.getString(1);
        }
      }
      List<AuditEntry> rewritten = new ArrayList<>();
      try (var q = c.prepareStatement("SELECT seq, occurred_at, actor_type, actor_id, kind, subject, data FROM "
          + "audit_entries WHERE tenant_id = ? AND seq >= 3 ORDER BY seq")) {
        q.setString(1, tenantId);
        try (var rs = q.executeQuery()) {
          while (rs.next()) {
            var data = (ObjectNode) Http.JSON.readTree(rs.getString("data"));
            if (rs.getLong("seq") == 3) data.put("name", "Someone Else");
            AuditEntry e = new AuditEntry(rs.getLong("seq"), tenantId,
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                new Actor(rs.getString("actor_type"), rs.getString("actor_id")), rs.getString("kind"),
                rs.getString("subject"), data, null);
            previous = AuditChain.nextHash(previous, e);
            rewritten.add(e.withHash(previous));
          }
        }
      }
      try (var u = c.prepareStatement("UPDATE audit_entries SET data = ?, hash = ? WHERE tenant_id = ? AND seq = ?")) {
        for (AuditEntry e : rewritten) {
          u.setString(1, CanonicalJson.string(e.data()));
          u.setString(2, e.hash());
          u.setString(3, tenantId);
          u.setLong(4, e.seq());
          u.executeUpdate();
        }
      }
      try (var u = c.prepareStatement("UPDATE audit_heads SET hash = ? WHERE tenant_id = ?")) {
        u.setString(1, previous);
        u.setString(2, tenantId);
        u.executeUpdate();
      }
      try (var d = c.prepareStatement("DELETE FROM checkpoints WHERE tenant_id = ?")) {
        d.setString(1, tenantId);
        d.executeUpdate();
      }
    });
    Path after = Files.createTempFile("after", ".zip");
    Files.write(after, export(admin));
    byte[] key = Base64.getDecoder().decode(http.get(admin, "/api/v1/audit/public-key").get("publicKey").asText());

    assertThat(VerifyCommand.verify(after, key).problems()).as("the forgery verifies on its own").isEmpty();
    List<String> notes = BundleContents.read(before).lines("checkpoints.jsonl").stream()
        .map(line -> json(line).get("note").asText()).toList();
    assertThat(VerifyCommand.verify(after, key, notes).problems())
        .anySatisfy(p -> assertThat(p.reason()).contains("the history was rewritten"));
    VigilServer.CliRun cli = VigilServer.run(Map.of(), "verify", after.toString(), "--trusted-checkpoints",
        saved.toString());
    assertThat(cli.exit()).isEqualTo(1);
    assertThat(cli.out()).contains("trusted checkpoint").contains("the history was rewritten");
    assertThat(VigilServer.run(Map.of(), "verify", before.toString(), "--trusted-checkpoints",
        saved.toString()).exit()).isZero();

    // The sink's notes file, which the database's holder cannot reach, catches it too, read as
    // is. (Whether the sink refused the checkpoint signed over the forgery depends on whether
    // control runs grew the chain meanwhile; CheckpointPublisherContract tests the refusal.)
    VigilServer.CliRun fromSink = VigilServer.run(Map.of(), "verify", after.toString(), "--trusted-checkpoints",
        sinkFile.toString());
    assertThat(fromSink.exit()).as(fromSink.out() + fromSink.err()).isEqualTo(1);
    assertThat(fromSink.out()).contains("the history was rewritten");
    for (Path p : List.of(before, after, saved)) Files.delete(p);
  }

  static List<String> sinkNotes(Path file) {
    try {
      return Files.exists(file) ? NotesFile.notes(Files.readString(file)) : List.of();
    } catch (java.io.IOException | IllegalArgumentException e) {
      return List.of();
    }
  }

  @Test
  void anExportVerifiesOfflineAndEveryTamperingIsNamed() throws Exception {
    // A tenant of its own keeps the bundle small, so 1000 trials stay quick.
    var tenant = server.createTenant("Export Co");
    String admin = tenant.get("adminToken").asText();
    String owner = created(http.post(admin, "/api/v1/users", user("o@export.example", "admin"))).get("id").asText();
    for (int i = 0; i < 10; i++) created(http.post(admin, "/api/v1/agents", agent("bot-" + i, owner)));
    Path zip = Files.createTempFile("bundle", ".zip");
    Files.write(zip, export(admin));
    byte[] key = Base64.getDecoder().decode(http.get(admin, "/api/v1/audit/public-key").get("publicKey").asText());
    BundleVerifier.Report report = VerifyCommand.verify(zip, key);
    assertThat(report.problems()).isEmpty();
    assertThat(report.tenantId()).isEqualTo(tenant.get("tenantId").asText());
    // 13 changes, and whatever control runs they triggered (appended in the background).
    long changes = BundleContents.read(zip).lines("entries.jsonl").stream()
        .filter(line -> !BundleVerifier.entry(json(line)).kind().equals("control.run")).count();
    assertThat(changes).isEqualTo(13);
    assertThat(report.entries()).isGreaterThanOrEqualTo(13);
    assertThat(VerifyCommand.verify(zip, new byte[32]).problems()).extracting(BundleVerifier.Problem::where)
        .contains("public-key.json");

    // An empty window still states where it sits in the chain, and that verifies.
    Path empty = Files.createTempFile("empty", ".zip");
    HttpResponse<byte[]> later = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + server.port() + "/api/v1/audit/export?from=2099-01-01T00:00:00Z"))
        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofByteArray());
    Files.write(empty, later.body());
    BundleVerifier.Report emptyReport = VerifyCommand.verify(empty, key);
    assertThat(emptyReport.problems()).isEmpty();
    assertThat(emptyReport.fromSeq()).isEqualTo(emptyReport.toSeq() + 1).isGreaterThan(13);
    Files.delete(empty);

    BundleContents original = BundleContents.read(zip);
    TamperTrials.requireEveryTamperingCaught(original, key, 1000, 42L);

    // The command itself, in its own process, as an auditor runs it.
    Path tampered = Files.createTempFile("tampered", ".zip");
    original.withEntryAltered(3).write(tampered);
    String out = "";
    try {
      server.cli("verify", tampered.toString());
    } catch (IllegalStateException expected) {
      out = expected.getMessage();
    }
    assertThat(out).contains("CLI exited 1").contains("entry 3");
    assertThat(server.cli("verify", zip.toString())).contains("OK: every entry chains");
    Files.delete(zip);
    Files.delete(tampered);
  }
}
