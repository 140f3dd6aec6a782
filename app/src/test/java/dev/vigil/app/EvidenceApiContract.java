package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.Http.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evidence index through the HTTP API: what a compliance team searches for after agents
 * act and controls run (the run, its evidence, the finding, the agent's actions), with facets
 * that agree with the filtered lists; who may search and rebuild; what bad input answers; and
 * that another tenant's documents are never reached. Tenant A acts here; the index follows it
 * on its own, so every search awaits its answer.
 */
abstract class EvidenceApiContract extends ApiFixture {

  /** How long the index may take to show a change before the test fails. */
  static final Duration WITHIN = Duration.ofSeconds(20);

  String triage;
  String wildGrant;
  String runId;

  @BeforeAll
  void actAndRunControls() throws Exception {
    String approver = created(http.post(adminA, "/api/v1/users", user("ann@acme.example", "admin"))).get("id").asText();
    String vendor = created(http.post(adminA, "/api/v1/vendors", "{\"name\":\"Salesforce\",\"criticality\":\"high\","
        + "\"services\":\"CRM\",\"dataShared\":\"contacts\"}")).get("id").asText();
    String connection = created(http.post(adminA, "/api/v1/connections", "{\"name\":\"CRM\",\"app\":\"crm\","
        + "\"vendorId\":\"" + vendor + "\",\"endpoint\":\"https://acme.my.salesforce.com\"}")).get("id").asText();
    triage = newAgent("support-triage");
    String sales = newAgent("sales-assistant");
    grant(triage, connection, "[\"crm:read\"]", approver);
    wildGrant = grant(sales, connection, "[\"*\"]", approver);
    StringBuilder events = new StringBuilder("{\"events\":[");
    // After the grants were made: a grant covers only what happens while it is active.
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 6; i++) {
      // Five reads the grant covers, and a write outside every grant.
      events.append(i == 0 ? "" : ",").append("{\"agentId\":\"").append(triage).append("\",\"connectionId\":\"")
          .append(connection).append("\",\"action\":\"").append(i < 5 ? "crm:read" : "crm:write")
          .append("\",\"resource\":\"account/").append(i).append("\",\"outcome\":\"success\",\"occurredAt\":\"")
          .append(at.plusMillis(i)).append("\"}");
    }
    assertThat(http.post(ingest, "/api/v1/events", events.append("]}").toString()).status()).isEqualTo(202);
    Reply run = http.post(compliance, "/api/v1/controls/AC-1/run", "");
    assertThat(run.status()).as(run.text()).isEqualTo(200);
    assertThat(run.get("result").asText()).isEqualTo("fail");
    runId = run.get("id").asText();
  }

  String grant(String agent, String connection, String scopes, String approver) {
    return created(http.post(adminA, "/api/v1/agents/" + agent + "/grants", "{\"connectionId\":\"" + connection
        + "\",\"scopes\":" + scopes + ",\"justification\":\"triage\",\"requestedBy\":\"" + ownerA
        + "\",\"approvedBy\":\"" + approver + "\"}")).get("id").asText();
  }

  static String q(String query) {
    return "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  Reply search(String token, String params) {
    Reply r = http.get(token, "/api/v1/evidence/search?" + params);
    assertThat(r.status()).as(params + " -> " + r.text()).isEqualTo(200);
    return r;
  }

  /** Searches until the answer satisfies {@code expected}, and returns it; fails after {@link #WITHIN}. */
  JsonNode awaitSearch(String token, String params, Predicate<JsonNode> expected) throws InterruptedException {
    Instant deadline = Instant.now().plus(WITHIN);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = search(token, params).json();
      if (expected.test(last)) return last;
      Thread.sleep(100);
    }
    throw new AssertionError(params + " did not answer as expected within " + WITHIN + "; last: " + last);
  }

  static Predicate<JsonNode> hasItem(String id) {
    return body -> body.get("items").findValuesAsText("id").contains(id);
  }

  static List<JsonNode> items(JsonNode body) {
    List<JsonNode> out = new ArrayList<>();
    body.get("items").forEach(out::add);
    return out;
  }

  // --- refusals first ---------------------------------------------------------------------

  @Test
  void withoutATokenEverythingIs401() {
    assertEachRefused(null, List.of(
        new Bad("GET", "/api/v1/evidence/search", null, null, 401),
        new Bad("GET", "/api/v1/evidence/run/" + runId, null, null, 401),
        new Bad("POST", "/api/v1/evidence/reindex", null, null, 401),
        new Bad("GET", "/api/v1/evidence/reindex", null, null, 401)));
  }

  @Test
  void ingestAndAgentTokensMayNotSearchAndOnlyAdminsRebuild() {
    String agentToken = created(http.post(adminA, "/api/v1/agents/" + triage + "/tokens", "{}")).get("token").asText();
    long before = chainLength();
    for (String token : List.of(ingest, agentToken)) {
      assertEachRefused(token, List.of(
          new Bad("GET", "/api/v1/evidence/search?q=crm", null, null, 403),
          new Bad("GET", "/api/v1/evidence/run/" + runId, null, null, 403),
          new Bad("GET", "/api/v1/evidence/reindex", null, null, 403)));
    }
    assertEachRefused(compliance, List.of(new Bad("POST", "/api/v1/evidence/reindex", null, null, 403)));
    assertEachRefused(auditor, List.of(
        new Bad("POST", "/api/v1/evidence/reindex", null, null, 403),
        new Bad("GET", "/api/v1/evidence/reindex", null, null, 403)));
    assertThat(chainLength()).as("a refused rebuild records nothing").isEqualTo(before);
  }

  @Test
  void aQueryCursorOrTimeThatDoesNotParseIs400AndAValueOutOfRangeIs422() {
    String search = "/api/v1/evidence/search?";
    assertEachRefused(auditor, List.of(
        new Bad("GET", search + q("agent:("), null, null, 400),
        new Bad("GET", search + q("*x"), null, null, 400),
        new Bad("GET", search + q("nofield:x"), null, null, 400),
        new Bad("GET", search + q("time:[yesterday TO *]"), null, null, 400),
        new Bad("GET", search + "cursor=not-a-cursor", null, null, 400),
        new Bad("GET", search + "from=tuesday", null, null, 400),
        new Bad("GET", search + "limit=ten", null, null, 400),
        new Bad("GET", search + "limit=0", null, null, 422),
        new Bad("GET", search + "limit=201", null, null, 422),
        new Bad("GET", search + "type=run_", null, null, 422),
        new Bad("GET", search + "sort=newest", null, null, 422),
        new Bad("GET", search + "controlId=XX-9", null, null, 422),
        new Bad("GET", search + "family=payroll", null, null, 422),
        new Bad("GET", search + "from=2026-07-01T00:00:00Z&to=2026-07-01T00:00:00Z", null, null, 422),
        new Bad("GET", search + q("crm ".repeat(501)), null, null, 422)));
    Reply wildcard = http.get(auditor, search + q("*x"));
    assertThat(wildcard.get("message").asText()).startsWith("q: ");
  }

  @Test
  void aCursorOfOneOrderIsRefusedForTheOther() throws Exception {
    JsonNode page = awaitSearch(auditor, "limit=1", b -> !b.get("nextCursor").isNull());
    String cursor = page.get("nextCursor").asText();
    assertThat(search(auditor, "limit=1&cursor=" + cursor).get("items")).hasSize(1);
    assertError(http.get(auditor, "/api/v1/evidence/search?limit=1&sort=relevance&cursor=" + cursor), 400);
  }

  @Test
  void anUnknownTypeOrIdInThePathIs404() {
    assertEachRefused(auditor, List.of(
        new Bad("GET", "/api/v1/evidence/nope/" + runId, null, null, 404),
        new Bad("GET", "/api/v1/evidence/agent/agt_nope", null, null, 404),
        new Bad("GET", "/api/v1/evidence/run", null, null, 404)));
  }

  @Test
  void anotherTenantsDocumentsAre404AndNeverFound() throws Exception {
    JsonNode theirs = awaitSearch(adminB, "type=agent&" + q("agent:their-bot"), hasItem(agentB));
    assertThat(theirs.get("total").asLong()).isEqualTo(1);
    assertThat(http.get(adminB, "/api/v1/evidence/agent/" + agentB).status()).isEqualTo(200);

    assertError(http.get(adminA, "/api/v1/evidence/agent/" + agentB), 404);
    awaitSearch(adminA, "type=agent&" + q("agent:support-triage"), hasItem(triage));
    for (String params : List.of(q("agentId:" + agentB), q("their-bot"), "agentId=" + agentB, q("agent:their-bot"))) {
      JsonNode ours = search(adminA, params).json();
      assertThat(ours.get("total").asLong()).as(params).isZero();
      assertThat(ours.get("items")).as(params).isEmpty();
    }
    assertError(http.get(adminB, "/api/v1/evidence/agent/" + triage), 404);
    assertError(http.get(adminB, "/api/v1/evidence/run/" + runId), 404);
  }

  @Test
  void noRebuildYetIs404() {
    assertError(http.get(adminB, "/api/v1/evidence/reindex"), 404);
  }

  @Test
  void theCommandRefusesToRebuildUnderARunningServerAndNamesTheEndpoint() throws Exception {
    VigilServer.CliRun run = server.run("reindex", VigilServer.CONFIG.toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("held by a running server").contains("POST /api/v1/evidence/reindex");
  }

  // --- what a compliance team looks for ----------------------------------------------------

  @Test
  void afterAgentsActAndControlsRunTheRunItsEvidenceTheFindingAndTheActionsAreFound() throws Exception {
    // The run that POST /controls/AC-1/run recorded, linked to its API route and its chain entry.
    JsonNode runs = awaitSearch(compliance, "type=run&controlId=AC-1", hasItem(runId));
    JsonNode run = items(runs).stream().filter(i -> i.get("id").asText().equals(runId)).findFirst().orElseThrow();
    assertThat(run.get("type").asText()).isEqualTo("run");
    assertThat(run.get("title").asText()).startsWith("AC-1 ").contains("fail");
    assertThat(run.get("links").get("run").asText()).isEqualTo("/api/v1/controls/AC-1/runs/" + runId);
    assertThat(http.get(compliance, run.get("links").get("run").asText()).get("id").asText()).isEqualTo(runId);
    JsonNode proof = http.get(compliance, run.get("links").get("entry").asText()).get("items").get(0);
    assertThat(proof.get("seq").asLong()).isEqualTo(run.get("seq").asLong());
    assertThat(proof.get("hash").asText()).isEqualTo(run.get("hash").asText());
    assertThat(proof.get("kind").asText()).isEqualTo("control.run");

    // One evidence item per grant the run examined; the wildcard grant's failed.
    JsonNode evidence = awaitSearch(auditor, "type=evidence&" + q("runId:" + runId),
        b -> b.get("total").asLong() >= 2);
    assertThat(items(evidence)).allSatisfy(i -> assertThat(i.get("id").asText()).startsWith(runId + ":"));
    JsonNode failing = search(auditor, "type=evidence&status=fail&" + q("runId:" + runId)).json();
    assertThat(failing.get("items").findValuesAsText("id")).containsExactly(runId + ":" + wildGrant);
    JsonNode item = http.get(auditor, failing.get("items").get(0).get("links").get("self").asText()).json();
    assertThat(item.get("fields").get("subject").asText()).isEqualTo(wildGrant);

    // The finding the wildcard grant opened, as /findings lists it.
    String findingId = http.get(auditor, "/api/v1/findings?status=open&controlId=AC-1").get("items").get(0)
        .get("id").asText();
    JsonNode finding = awaitSearch(auditor, "type=finding&controlId=AC-1&status=open", hasItem(findingId));
    assertThat(finding.get("items").get(0).get("links").get("control").asText()).isEqualTo("/api/v1/controls/AC-1");

    // The agent's actions, by name, and the one outside every grant.
    JsonNode write = awaitSearch(compliance, q("agent:support-triage AND action:crm\\:write"),
        b -> b.get("total").asLong() == 1);
    JsonNode action = write.get("items").get(0);
    assertThat(action.get("type").asText()).isEqualTo("entry");
    assertThat(action.get("title").asText()).isEqualTo("support-triage crm:write account/5 on CRM (success)");
    assertThat(action.get("links").get("agent").asText()).isEqualTo("/api/v1/agents/" + triage);
    assertThat(search(compliance, q("agent:support-triage AND action:crm\\:read")).get("total").asLong())
        .isEqualTo(5);
    assertThat(search(compliance, q("agent:support-triage AND grantId:none")).get("items").findValuesAsText("id"))
        .containsExactly(action.get("id").asText());
    JsonNode marked = search(compliance, q("account") + "&sort=relevance&limit=1").json();
    assertThat(marked.get("items").get(0).get("snippet").asText()).contains("<mark>account</mark>");
  }

  @Test
  void eachFacetCountsWhatFilteringOnItsValueLists() throws Exception {
    awaitSearch(auditor, "type=run&controlId=AC-1", hasItem(runId));
    String to = "to=" + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant deadline = Instant.now().plus(WITHIN);
    Map<String, Long> counted;
    Map<String, Long> faceted;
    do {
      // Documents made before `to` may still be arriving; count until the two agree.
      JsonNode all = search(auditor, to).json();
      faceted = new LinkedHashMap<>();
      for (JsonNode f : all.get("facets").get("type")) faceted.put(f.get("value").asText(), f.get("count").asLong());
      counted = new LinkedHashMap<>();
      for (String type : faceted.keySet()) counted.put(type, (long) everything(auditor, to + "&type=" + type).size());
      assertThat(faceted.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(all.get("total").asLong());
    } while (!counted.equals(faceted) && Instant.now().isBefore(deadline));
    assertThat(counted).isEqualTo(faceted);
    assertThat(faceted).containsKeys("entry", "run", "evidence", "finding", "agent", "grant", "connection", "vendor");
  }

  /** Every item a search lists, page by page. */
  List<JsonNode> everything(String token, String params) {
    List<JsonNode> out = new ArrayList<>();
    String cursor = "";
    do {
      JsonNode page = search(token, params + "&limit=200&cursor=" + cursor).json();
      out.addAll(items(page));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return out;
  }

  @Test
  void aDocumentReadAloneHasEveryFieldAndItsOwnLink() throws Exception {
    awaitSearch(auditor, "type=run&controlId=AC-1", hasItem(runId));
    Reply r = http.get(auditor, "/api/v1/evidence/run/" + runId);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.get("links").get("self").asText()).isEqualTo("/api/v1/evidence/run/" + runId);
    assertThat(r.get("fields").get("controlId").asText()).isEqualTo("AC-1");
    assertThat(r.get("fields").get("status").asText()).isEqualTo("fail");
    assertThat(r.json().has("snippet")).isFalse();
  }

  // --- rebuilding ----------------------------------------------------------------------

  @Test
  void aRebuildAnswers202RunsInTheBackgroundAndLeavesTheSameDocuments() throws Exception {
    awaitSearch(adminA, "type=run&controlId=AC-1", hasItem(runId));
    String to = "to=" + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long before = awaitStable(to);

    Reply started = http.post(adminA, "/api/v1/evidence/reindex", null);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    assertThat(started.get("state").asText()).isIn("running", "done");
    assertThat(started.get("totalEntries").asLong()).isPositive();
    assertThat(started.get("startedAt").isTextual()).isTrue();

    Instant deadline = Instant.now().plus(WITHIN);
    JsonNode progress;
    do {
      assertThat(search(auditor, q("agent:support-triage")).get("total").asLong()).isPositive();
      progress = http.get(compliance, "/api/v1/evidence/reindex").json();
      assertThat(progress.get("state").asText()).isIn("running", "done");
    } while (!progress.get("state").asText().equals("done") && Instant.now().isBefore(deadline));
    assertThat(progress.get("state").asText()).isEqualTo("done");
    assertThat(progress.get("percent").asDouble()).isEqualTo(100.0);
    assertThat(progress.get("entries").asLong()).isEqualTo(progress.get("totalEntries").asLong());
    assertThat(progress.get("documents").asLong()).isPositive();
    assertThat(progress.get("finishedAt").isTextual()).isTrue();
    assertThat(progress.get("error").isNull()).isTrue();

    assertThat(search(auditor, to).get("total").asLong()).isEqualTo(before);
    JsonNode request = awaitSearch(auditor, q("kind:evidence.reindex_requested"), b -> b.get("total").asLong() == 1)
        .get("items").get(0);
    JsonNode entry = http.get(auditor, request.get("links").get("entry").asText()).get("items").get(0);
    assertThat(entry.get("actor").get("type").asText()).isEqualTo("token");
    assertThat(entry.get("subject").asText()).isEqualTo(tenantA);
    assertThat(entry.get("data").get("indexedSeq").asLong()).isPositive();
  }

  /** The number of documents before {@code to}, once two searches in a row agree on it. */
  long awaitStable(String to) throws InterruptedException {
    long last = -1;
    Instant deadline = Instant.now().plus(WITHIN);
    while (Instant.now().isBefore(deadline)) {
      long now = search(auditor, to).get("total").asLong();
      if (now == last) return now;
      last = now;
      Thread.sleep(300);
    }
    throw new AssertionError("the index kept changing before " + to);
  }

  // --- the admin port ------------------------------------------------------------------

  @Test
  void theHealthCheckAndTheLagGaugesAreOnTheAdminPort() throws Exception {
    Http admin = new Http(server.adminPort());
    JsonNode health = admin.get(null, "/healthcheck").json();
    assertThat(health.get("evidence-index").get("healthy").asBoolean()).as(health.toString()).isTrue();
    Instant deadline = Instant.now().plus(WITHIN);
    JsonNode gauges;
    do {
      gauges = admin.get(null, "/metrics").get("gauges");
    } while (!gauges.has("evidence.lag.entries." + tenantA) && Instant.now().isBefore(deadline));
    assertThat(gauges.has("evidence.lag.entries." + tenantA)).as(gauges.toString()).isTrue();
    assertThat(gauges.has("evidence.lag.seconds." + tenantA)).isTrue();
    assertThat(gauges.get("evidence.lag.entries.max").get("value").asLong()).isNotNegative();
    assertThat(gauges.get("evidence.lag.seconds.max").get("value").asDouble()).isNotNegative();
  }
}
