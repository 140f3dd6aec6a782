package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.Http.Reply;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.evidence.PackageVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipFile;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Continuous controls end to end through the HTTP API, each scenario in a tenant of its own:
 * a change turns a control failing or passing within seconds with nobody calling /run, each
 * failing member opens a finding that the fix resolves, and approved exceptions hold until
 * they expire.
 */
abstract class ControlsApiContract extends ApiFixture {

  /** How long a change may take to show in a control's status before the test fails. */
  static final Duration WITHIN = Duration.ofSeconds(15);

  /** A fresh tenant with an admin, an owner, an approver, a reviewed vendor, a connection and an agent. */
  record Org(String admin, String owner, String approver, String vendor, String connection, String agent) {}

  Org org(String name) throws Exception {
    String admin = server.createTenant(name).get("adminToken").asText();
    String owner = created(http.post(admin, "/api/v1/users", user("o@" + name + ".example", "admin"))).get("id").asText();
    String approver = created(http.post(admin, "/api/v1/users", user("a@" + name + ".example", "admin")))
        .get("id").asText();
    String vendor = created(http.post(admin, "/api/v1/vendors", "{\"name\":\"Salesforce\",\"criticality\":\"medium\","
        + "\"services\":\"CRM\",\"dataShared\":\"contacts\"}")).get("id").asText();
    created(http.post(admin, "/api/v1/vendors/" + vendor + "/reviews", "{\"reviewedAt\":\"" + Instant.now().minusSeconds(60)
        + "\",\"reviewer\":\"Ann\",\"outcome\":\"approved\",\"soc2PeriodEnd\":\"2026-06-30\",\"notes\":\"ok\"}"));
    String connection = created(http.post(admin, "/api/v1/connections", "{\"name\":\"CRM\",\"app\":\"crm\",\"vendorId\":\""
        + vendor + "\",\"endpoint\":\"https://acme.my.salesforce.com\"}")).get("id").asText();
    String agent = created(http.post(admin, "/api/v1/agents", agent("bot", owner))).get("id").asText();
    return new Org(admin, owner, approver, vendor, connection, agent);
  }

  String grant(Org o, String scopes) {
    return created(http.post(o.admin(), "/api/v1/agents/" + o.agent() + "/grants", "{\"connectionId\":\""
        + o.connection() + "\",\"scopes\":" + scopes + ",\"justification\":\"triage\",\"requestedBy\":\"" + o.owner()
        + "\",\"approvedBy\":\"" + o.approver() + "\"}")).get("id").asText();
  }

  /** Polls the control until {@code expected} holds, and returns it; fails after {@link #WITHIN}. */
  JsonNode awaitControl(String token, String controlId, Predicate<JsonNode> expected) throws InterruptedException {
    Instant deadline = Instant.now().plus(WITHIN);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      Reply r = http.get(token, "/api/v1/controls/" + controlId);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      last = r.json();
      if (expected.test(last)) return last;
      Thread.sleep(100);
    }
    throw new AssertionError(controlId + " did not reach the expected state within " + WITHIN + "; last: " + last);
  }

  static Predicate<JsonNode> status(String status) {
    return c -> c.get("status").asText().equals(status);
  }

  List<JsonNode> findings(String token, String query) {
    Reply r = http.get(token, "/api/v1/findings?" + query);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    r.get("items").forEach(items::add);
    return items;
  }

  @Test
  void aWildcardGrantFailsAc1UntilItIsRevokedWithNobodyCallingRun() throws Exception {
    Org o = org("wild");
    grant(o, "[\"crm:read\"]");
    awaitControl(o.admin(), "AC-1", status("passing"));
    String wildcard = grant(o, "[\"crm:read\", \"*\"]");

    JsonNode failing = awaitControl(o.admin(), "AC-1", status("failing"));
    assertThat(failing.get("openFindings").asLong()).isEqualTo(1);
    List<JsonNode> open = findings(o.admin(), "status=open&controlId=AC-1");
    assertThat(open).hasSize(1);
    assertThat(open.get(0).get("subjectId").asText()).isEqualTo(wildcard);
    assertThat(open.get(0).get("detail").asText()).contains(wildcard).contains("*");
    assertThat(open.get(0).get("resolvedAt").isNull()).isTrue();

    JsonNode run = http.get(o.admin(), "/api/v1/controls/AC-1/runs?limit=1").get("items").get(0);
    assertThat(run.get("result").asText()).isEqualTo("fail");
    assertThat(run.get("trigger").asText()).isIn("change", "schedule");
    assertThat(run.get("exceptions").get(0).get("subjectId").asText()).isEqualTo(wildcard);

    assertThat(http.delete(o.admin(), "/api/v1/agents/" + o.agent() + "/grants/" + wildcard).status()).isEqualTo(204);
    awaitControl(o.admin(), "AC-1", status("passing").and(c -> c.get("openFindings").asLong() == 0));
    List<JsonNode> resolved = findings(o.admin(), "status=resolved&controlId=AC-1");
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).get("subjectId").asText()).isEqualTo(wildcard);
    assertThat(Instant.parse(resolved.get(0).get("resolvedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(resolved.get(0).get("openedAt").asText()));
    assertThat(findings(o.admin(), "status=open")).noneMatch(f -> f.get("controlId").asText().equals("AC-1"));

    // No run was asked for: every AC-1 run came from a change (or a sweep that happened by).
    List<String> triggers = http.get(o.admin(), "/api/v1/controls/AC-1/runs").get("items").findValuesAsText("trigger");
    assertThat(triggers).contains("change").doesNotContain("manual");
    // Each run's evidence hash is in the tenant's audit chain.
    Reply chain = http.get(o.admin(), "/api/v1/audit/entries?limit=1000");
    List<String> hashes = chain.get("items").findValuesAsText("evidenceSha256");
    assertThat(hashes).contains(run.get("evidenceSha256").asText());
  }

  @Test
  void aVendorNeverReviewedFailsVm1() throws Exception {
    Org o = org("vendors");
    awaitControl(o.admin(), "VM-1", status("passing"));
    String unreviewed = created(http.post(o.admin(), "/api/v1/vendors", "{\"name\":\"Shady\",\"criticality\":\"low\","
        + "\"services\":\"x\",\"dataShared\":\"none\"}")).get("id").asText();
    awaitControl(o.admin(), "VM-1", status("failing"));
    List<JsonNode> open = findings(o.admin(), "status=open&controlId=VM-1");
    assertThat(open).extracting(f -> f.get("subjectId").asText()).containsExactly(unreviewed);
  }

  @Test
  void anIncidentPastItsContainmentSlaFailsIr1() throws Exception {
    Org o = org("incidents");
    Instant detected = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String incident = created(http.post(o.admin(), "/api/v1/incidents", "{\"title\":\"Leaked token\",\"severity\":\"sev1\","
        + "\"detectedAt\":\"" + detected + "\",\"affectsCustomerData\":false,\"description\":\"d\"}")).get("id").asText();
    awaitControl(o.admin(), "IR-1", status("failing"));
    List<JsonNode> open = findings(o.admin(), "status=open&controlId=IR-1");
    assertThat(open).extracting(f -> f.get("subjectId").asText()).containsExactly(incident);
    assertThat(open.get(0).get("detail").asText()).contains("sev1");
  }

  @Test
  void anActionReportedOutsideEveryGrantFailsAc6() throws Exception {
    Org o = org("actions");
    grant(o, "[\"crm:read\"]");
    String within = "{\"events\":[{\"agentId\":\"" + o.agent() + "\",\"connectionId\":\"" + o.connection()
        + "\",\"action\":\"crm:read\",\"resource\":\"acct/1\",\"outcome\":\"success\",\"occurredAt\":\""
        + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\"}]}";
    assertThat(http.post(o.admin(), "/api/v1/events", within).status()).isEqualTo(202);
    assertThat(http.post(o.admin(), "/api/v1/controls/AC-6/run", "").get("result").asText()).isEqualTo("pass");
    String outside = within.replace("crm:read", "crm:delete");
    assertThat(http.post(o.admin(), "/api/v1/events", outside).status()).isEqualTo(202);
    JsonNode failing = awaitControl(o.admin(), "AC-6", status("failing"));
    assertThat(failing.get("openFindings").asLong()).isEqualTo(1);
    JsonNode f = findings(o.admin(), "status=open&controlId=AC-6").get(0);
    assertThat(f.get("subjectId").asText()).isEqualTo(o.agent() + "/" + o.connection() + "/crm:delete");
  }

  @Test
  void anApprovedExceptionKeepsAc1PassingUntilItExpires() throws Exception {
    Org o = org("excused");
    String wildcard = grant(o, "[\"crm:*\"]");
    awaitControl(o.admin(), "AC-1", status("failing"));
    Instant expires = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
    created(http.post(o.admin(), "/api/v1/exceptions", "{\"controlId\":\"AC-1\",\"subjectId\":\"" + wildcard
        + "\",\"reason\":\"migration week\",\"approvedBy\":\"" + o.approver() + "\",\"expiresAt\":\"" + expires + "\"}"));
    awaitControl(o.admin(), "AC-1", status("passing"));
    assertThat(Instant.now()).isBefore(expires);
    JsonNode run = http.get(o.admin(), "/api/v1/controls/AC-1/runs?limit=1").get("items").get(0);
    assertThat(run.get("result").asText()).isEqualTo("pass");
    assertThat(run.get("excused").get(0).get("subjectId").asText()).isEqualTo(wildcard);
    assertThat(run.get("excused").get(0).get("expiresAt").asText()).isEqualTo(expires.toString());
    assertThat(findings(o.admin(), "status=open&controlId=AC-1")).isEmpty();
    // Excused is not remediated: no resolution time, and the exception named.
    assertThat(findings(o.admin(), "status=excused&controlId=AC-1")).singleElement().satisfies(f -> {
      assertThat(f.get("subjectId").asText()).isEqualTo(wildcard);
      assertThat(f.get("resolvedAt").isNull()).isTrue();
      assertThat(f.get("exceptionId").asText()).startsWith("exc_");
    });

    // Nobody calls /run: the expiry itself re-runs AC-1.
    JsonNode again = awaitControl(o.admin(), "AC-1", status("failing"));
    assertThat(Instant.parse(again.get("lastRunAt").asText())).isAfterOrEqualTo(expires);
    assertThat(findings(o.admin(), "status=open&controlId=AC-1")).extracting(f -> f.get("subjectId").asText())
        .containsExactly(wildcard);
  }

  // --- fixes in the product: each call re-runs the controls it affects ------------------------

  static Predicate<JsonNode> cleared() {
    return status("passing").and(c -> c.get("openFindings").asLong() == 0);
  }

  List<String> subjects(String token, String query) {
    return findings(token, query).stream().map(f -> f.get("subjectId").asText()).toList();
  }

  static JsonNode ok(Reply r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  @Test
  void patchingAnHttpEndpointToHttpsFixesEn3() throws Exception {
    Org o = org("tls-fix");
    awaitControl(o.admin(), "EN-3", status("passing"));
    String plain = created(http.post(o.admin(), "/api/v1/connections", ControlPlaneApiContract.connection("Legacy",
        o.vendor(), "http://legacy.example"))).get("id").asText();
    awaitControl(o.admin(), "EN-3", status("failing"));
    assertThat(subjects(o.admin(), "status=open&controlId=EN-3")).containsExactly(plain);

    assertThat(ok(http.patch(o.admin(), "/api/v1/connections/" + plain, "{\"endpoint\":\"https://legacy.example\"}"))
        .get("endpoint").asText()).isEqualTo("https://legacy.example");
    awaitControl(o.admin(), "EN-3", cleared());
    assertThat(subjects(o.admin(), "status=resolved&controlId=EN-3")).containsExactly(plain);
  }

  @Test
  void aNewActiveOwnerFixesAc4ForAnAgentWhoseOwnerLeft() throws Exception {
    Org o = org("owner-fix");
    String g = grant(o, "[\"crm:read\"]");
    awaitControl(o.admin(), "AC-4", status("passing"));
    assertThat(http.patch(o.admin(), "/api/v1/users/" + o.owner(), "{\"active\":false}").status()).isEqualTo(200);
    awaitControl(o.admin(), "AC-4", status("failing"));
    assertThat(subjects(o.admin(), "status=open&controlId=AC-4")).containsExactly(g);

    JsonNode patched = ok(http.patch(o.admin(), "/api/v1/agents/" + o.agent(), "{\"ownerId\":\"" + o.approver() + "\"}"));
    assertThat(patched.get("ownerId").asText()).isEqualTo(o.approver());
    awaitControl(o.admin(), "AC-4", cleared());
  }

  @Test
  void retiringAConnectionTakesItsGrantsAndEndpointOutOfAc1AndEn3() throws Exception {
    Org o = org("retire-fix");
    String legacy = created(http.post(o.admin(), "/api/v1/connections", ControlPlaneApiContract.connection("Legacy",
        o.vendor(), "http://legacy.example"))).get("id").asText();
    String wildcard = created(http.post(o.admin(), "/api/v1/agents/" + o.agent() + "/grants", "{\"connectionId\":\""
        + legacy + "\",\"scopes\":[\"crm:*\"],\"justification\":\"triage\",\"requestedBy\":\"" + o.owner()
        + "\",\"approvedBy\":\"" + o.approver() + "\"}")).get("id").asText();
    awaitControl(o.admin(), "AC-1", status("failing"));
    awaitControl(o.admin(), "EN-3", status("failing"));

    assertThat(ok(http.post(o.admin(), "/api/v1/connections/" + legacy + "/retire", null)).get("status").asText())
        .isEqualTo("retired");
    // The wildcard was the tenant's only grant: AC-1 has nothing left to judge.
    awaitControl(o.admin(), "AC-1", status("not_applicable").and(c -> c.get("openFindings").asLong() == 0));
    awaitControl(o.admin(), "EN-3", cleared());
    assertThat(subjects(o.admin(), "status=resolved&controlId=AC-1")).containsExactly(wildcard);
  }

  @Test
  void revokingAnExceptionReopensTheFindingItExcused() throws Exception {
    Org o = org("revoke-fix");
    String wildcard = grant(o, "[\"crm:*\"]");
    awaitControl(o.admin(), "AC-1", status("failing"));
    String exception = created(http.post(o.admin(), "/api/v1/exceptions", "{\"controlId\":\"AC-1\",\"subjectId\":\""
        + wildcard + "\",\"reason\":\"migration week\",\"approvedBy\":\"" + o.approver() + "\",\"expiresAt\":\""
        + Instant.now().plus(7, ChronoUnit.DAYS) + "\"}")).get("id").asText();
    awaitControl(o.admin(), "AC-1", status("passing"));

    JsonNode revoked = ok(http.post(o.admin(), "/api/v1/exceptions/" + exception + "/revoke", "{\"revokedBy\":\""
        + o.owner() + "\",\"reason\":\"migration done early\"}"));
    JsonNode again = awaitControl(o.admin(), "AC-1", status("failing"));
    assertThat(Instant.parse(again.get("lastRunAt").asText()))
        .isAfterOrEqualTo(Instant.parse(revoked.get("revokedAt").asText()));
    assertThat(subjects(o.admin(), "status=open&controlId=AC-1")).containsExactly(wildcard);
  }

  @Test
  void correctingAnIncidentsSeverityAppliesItsSlaToIr1() throws Exception {
    Org o = org("severity-fix");
    Instant detected = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String incident = created(http.post(o.admin(), "/api/v1/incidents", "{\"title\":\"Leaked token\",\"severity\":"
        + "\"sev3\",\"detectedAt\":\"" + detected + "\",\"affectsCustomerData\":false}")).get("id").asText();
    awaitControl(o.admin(), "IR-1", status("passing"));

    assertThat(ok(http.patch(o.admin(), "/api/v1/incidents/" + incident, "{\"severity\":\"sev1\"}"))
        .get("severity").asText()).isEqualTo("sev1");
    awaitControl(o.admin(), "IR-1", status("failing"));
    assertThat(subjects(o.admin(), "status=open&controlId=IR-1")).containsExactly(incident);
  }

  // --- not applicable: nothing to test -------------------------------------------------------

  /**
   * The controls a new tenant, with nothing in it but its admin token, gives something to test:
   * those counting its chain, which starts with the entry that created it. Every other control
   * examines objects (grants, agents, credentials, connections, vendors, incidents) or reported
   * actions, of which it has none, and EN-2 a keyset, made only when a credential needs one.
   */
  static final List<String> TESTED_IN_A_NEW_TENANT = List.of("LG-1", "LG-2", "LG-3");

  @Test
  void aNewTenantIsNotApplicableButForItsChainUntilItsFirstMembersArrive() throws Exception {
    String admin = server.createTenant("empty").get("adminToken").asText();
    List<String> ids = http.get(admin, "/api/v1/controls?limit=100").get("items").findValuesAsText("id");
    assertThat(ids).hasSize(18);
    Map<String, JsonNode> runs = new LinkedHashMap<>();
    for (String id : ids) runs.put(id, ok(http.post(admin, "/api/v1/controls/" + id + "/run", "")));
    Instant ran = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    Map<String, String> results = new LinkedHashMap<>();
    Map<String, String> expected = new LinkedHashMap<>();
    for (String id : ids) {
      results.put(id, runs.get(id).get("result").asText());
      expected.put(id, TESTED_IN_A_NEW_TENANT.contains(id) ? "pass" : "not_applicable");
    }
    assertThat(results).isEqualTo(expected);
    assertThat(runs.get("LG-1").get("population").asLong()).as("its first entries").isPositive();
    JsonNode ac1 = runs.get("AC-1");
    assertThat(ac1.get("population").asLong()).isZero();
    String ac1Run = ac1.get("id").asText();
    assertThat(http.get(admin, "/api/v1/controls/AC-1/runs/" + ac1Run + "/evidence").get("result").asText())
        .isEqualTo("not_applicable");
    JsonNode entry = null;
    for (JsonNode e : http.get(admin, "/api/v1/audit/entries?limit=1000").get("items")) {
      if (e.get("kind").asText().equals("control.run") && e.get("data").get("runId").asText().equals(ac1Run)) entry = e;
    }
    assertThat(entry).as("the run's control.run entry").isNotNull();
    assertThat(entry.get("data").get("result").asText()).isEqualTo("not_applicable");
    Map<String, String> statuses = new LinkedHashMap<>();
    for (JsonNode c : http.get(admin, "/api/v1/controls?limit=100").get("items")) {
      statuses.put(c.get("id").asText(), c.get("status").asText());
    }
    assertThat(statuses).containsEntry("AC-1", "not_applicable").containsEntry("EN-2", "not_applicable")
        .containsEntry("LG-1", "passing").doesNotContainValue("failing").doesNotContainValue("not_run");

    // A first vendor makes VM-1 applicable at once (never reviewed: failing, then reviewed:
    // passing); VM-2 examines high and critical vendors only, so it still has nothing to test.
    Instant added = Instant.now();
    String vendor = created(http.post(admin, "/api/v1/vendors", "{\"name\":\"Zendesk\",\"criticality\":\"low\"}"))
        .get("id").asText();
    awaitControl(admin, "VM-1", status("failing"));
    awaitControl(admin, "VM-2", status("not_applicable").and(c -> !c.get("lastRunAt").isNull()
        && !Instant.parse(c.get("lastRunAt").asText()).isBefore(added)));
    created(http.post(admin, "/api/v1/vendors/" + vendor + "/reviews", "{\"reviewedAt\":\""
        + Instant.now().minusSeconds(60) + "\",\"reviewer\":\"Ann\",\"outcome\":\"approved\"}"));
    awaitControl(admin, "VM-1", cleared());

    // A report of the time since: AC-1 had nothing to test throughout, and says so.
    Thread.sleep(5);
    Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Reply queued = http.post(admin, "/api/v1/reports", "{\"from\":\"" + ran + "\",\"to\":\"" + to + "\"}");
    assertThat(queued.status()).as(queued.text()).isEqualTo(202);
    JsonNode done = awaitReport(admin, queued.get("id").asText());
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
    JsonNode oscal = Http.JSON.readTree(http.download(admin, "/api/v1/reports/" + done.get("id").asText()
        + "/oscal.json").body());
    JsonNode finding = null;
    for (JsonNode f : oscal.get("assessment-results").get("results").get(0).get("findings")) {
      if (f.get("target").get("target-id").asText().equals("AC-1_obj")) finding = f;
    }
    assertThat(finding).isNotNull();
    assertThat(finding.get("target").get("status").get("state").asText()).isEqualTo("satisfied");
    assertThat(finding.get("target").get("status").get("reason").asText()).isEqualTo("other");
    assertThat(finding.get("title").asText()).endsWith("not applicable: every run in the period found no active grant");
    String pdf = pdfText(http.download(admin, "/api/v1/reports/" + done.get("id").asText() + "/report.pdf").body())
        .replaceAll("\\s+", " ");
    assertThat(pdf).contains("Not applicable: every run in the period found no active grant.");
  }

  @Test
  void en2FailsWhenCredentialsAreStoredWithoutAKeyAndNoExceptionCanExcuseThat() throws Exception {
    JsonNode tenant = server.createTenant("keyless");
    String admin = tenant.get("adminToken").asText();
    String approver = created(http.post(admin, "/api/v1/users", user("a@keyless.example", "admin"))).get("id").asText();
    String vendor = created(http.post(admin, "/api/v1/vendors", "{\"name\":\"V\",\"criticality\":\"low\"}"))
        .get("id").asText();
    String connection = created(http.post(admin, "/api/v1/connections", ControlPlaneApiContract.connection("CRM",
        vendor, "https://crm.example"))).get("id").asText();
    assertThat(ok(http.post(admin, "/api/v1/controls/EN-2/run", "")).get("result").asText())
        .as("no credential, no keyset: nothing needs a key").isEqualTo("not_applicable");
    Reply stored = http.send(admin, "PUT", "/api/v1/connections/" + connection + "/credential",
        "{\"secret\":\"sk_live_keyless\"}", "application/json");
    assertThat(stored.status()).as(stored.text()).isEqualTo(204);
    awaitControl(admin, "EN-2", status("passing"));

    // The key rows are lost (a partial restore); the credential is still stored.
    server.sql("DELETE FROM tenant_keys WHERE tenant_id = '" + tenant.get("tenantId").asText() + "'");
    JsonNode failed = ok(http.post(admin, "/api/v1/controls/EN-2/run", ""));
    assertThat(failed.get("result").asText()).isEqualTo("fail");
    assertThat(failed.get("exceptions").get(0).get("subjectId").asText()).isEqualTo("keyset");
    assertThat(failed.get("exceptions").get(0).get("detail").asText())
        .isEqualTo("the tenant has no primary key, yet 1 connection holds a stored credential");
    assertThat(subjects(admin, "status=open&controlId=EN-2")).containsExactly("keyset");

    long before = readChain(admin, 1000).stream().filter(e -> !e.kind().equals("control.run")).count();
    assertError(http.post(admin, "/api/v1/exceptions", "{\"controlId\":\"EN-2\",\"subjectId\":\"keyset\","
        + "\"reason\":\"later\",\"approvedBy\":\"" + approver + "\",\"expiresAt\":\""
        + Instant.now().plus(7, ChronoUnit.DAYS) + "\"}"), 422);
    assertThat(readChain(admin, 1000).stream().filter(e -> !e.kind().equals("control.run")).count())
        .isEqualTo(before);

    assertThat(ok(http.post(admin, "/api/v1/keys/rotate", "")).get("primary").asBoolean()).isTrue();
    awaitControl(admin, "EN-2", cleared());
    assertThat(subjects(admin, "status=resolved&controlId=EN-2")).containsExactly("keyset");
  }

  @Test
  void theCatalogListsEighteenControlsWithTheirCriteria() {
    Reply r = http.get(auditor, "/api/v1/controls");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.get("items")).hasSize(18);
    assertThat(r.get("items").findValuesAsText("id")).startsWith("AC-1", "AC-2").endsWith("IR-3");
    JsonNode ac1 = r.get("items").get(0);
    assertThat(ac1.get("family").asText()).isEqualTo("least-privilege");
    assertThat(ac1.get("criteria").toString()).isEqualTo("[\"CC6.1\",\"CC6.3\"]");
    assertThat(ac1.get("procedure").asText()).isNotBlank();
  }

  @Test
  void aManualRunIsRecordedWithItsEvidence() throws Exception {
    Reply run = http.post(compliance, "/api/v1/controls/EN-3/run", "");
    assertThat(run.status()).as(run.text()).isEqualTo(200);
    assertThat(run.get("controlId").asText()).isEqualTo("EN-3");
    assertThat(run.get("trigger").asText()).isEqualTo("manual");
    assertThat(run.get("evidenceSha256").asText()).matches("[0-9a-f]{64}");
    String id = run.get("id").asText();
    assertThat(http.get(auditor, "/api/v1/controls/EN-3/runs/" + id).get("id").asText()).isEqualTo(id);
    JsonNode en3 = http.get(auditor, "/api/v1/controls/EN-3").json();
    assertThat(Instant.parse(en3.get("lastRunAt").asText()))
        .isAfterOrEqualTo(Instant.parse(run.get("startedAt").asText()));
    Reply evidence = http.get(auditor, "/api/v1/controls/EN-3/runs/" + id + "/evidence");
    assertThat(evidence.status()).isEqualTo(200);
    assertThat(Sha256.hex(evidence.text())).isEqualTo(run.get("evidenceSha256").asText());
    assertThat(evidence.get("procedure").asText()).isNotBlank();
  }

  @Test
  void rolesUnknownIdsOtherTenantsAndBadQueriesAreRefused() {
    long before = chainLength();
    assertError(http.post(auditor, "/api/v1/controls/AC-1/run", ""), 403);
    assertError(http.post(ingest, "/api/v1/controls/AC-1/run", ""), 403);
    assertError(http.get(ingest, "/api/v1/controls"), 403);
    assertError(http.get(ingest, "/api/v1/findings"), 403);
    assertError(http.get(auditor, "/api/v1/controls/XX-9"), 404);
    assertError(http.post(adminA, "/api/v1/controls/XX-9/run", ""), 404);
    assertError(http.get(auditor, "/api/v1/findings?status=maybe"), 422);
    assertError(http.get(auditor, "/api/v1/findings?controlId=XX-9"), 422);
    assertError(http.get(auditor, "/api/v1/findings?limit=5000"), 422);
    assertError(http.get(auditor, "/api/v1/findings?ownerId=usr_nope"), 422);
    assertError(http.get(auditor, "/api/v1/controls/AC-1/runs?from=yesterday"), 400);
    assertError(http.get(auditor, "/api/v1/controls/AC-1/runs?cursor=nope"), 400);
    assertError(http.get(auditor, "/api/v1/controls/AC-1/runs?from=2026-11-24T17:00:00Z&to=2026-11-24T14:00:00Z"), 422);
    assertThat(chainLength()).isEqualTo(before);

    // Tenant B's run and findings are invisible to A.
    String theirRun = http.post(adminB, "/api/v1/controls/AC-1/run", "").get("id").asText();
    assertError(http.get(adminA, "/api/v1/controls/AC-1/runs/" + theirRun), 404);
    assertError(http.get(adminA, "/api/v1/controls/AC-1/runs/" + theirRun + "/evidence"), 404);
    assertThat(http.get(adminA, "/api/v1/controls/AC-1/runs").get("items").findValuesAsText("id"))
        .doesNotContain(theirRun);
  }

  // --- a run's members, one by one ----------------------------------------------------------

  /** Every member of a run's members list at {@code query}, read one a page. */
  List<JsonNode> memberPages(String token, String path, String query) {
    List<JsonNode> seen = new ArrayList<>();
    String cursor = "";
    do {
      Reply page = http.get(token, path + "?limit=1" + query + "&cursor=" + cursor);
      assertThat(page.status()).as(page.text()).isEqualTo(200);
      assertThat(page.get("items").size()).isLessThanOrEqualTo(1);
      page.get("items").forEach(seen::add);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return seen;
  }

  @Test
  void aFailingRunsMembersAreCheckedOneByOne() throws Exception {
    Org o = org("members");
    String auditor = created(http.post(o.admin(), "/api/v1/tokens", "{\"name\":\"a\",\"role\":\"auditor\"}"))
        .get("token").asText();
    List<String> fine = new ArrayList<>();
    for (int i = 0; i < 4; i++) fine.add(grant(o, "[\"crm:read\"]"));
    String wildcard = grant(o, "[\"crm:read\", \"*\"]");
    String excusedGrant = grant(o, "[\"crm:*\"]");
    String exception = created(http.post(o.admin(), "/api/v1/exceptions", "{\"controlId\":\"AC-1\",\"subjectId\":\""
        + excusedGrant + "\",\"reason\":\"migration\",\"approvedBy\":\"" + o.approver() + "\",\"expiresAt\":\""
        + Instant.now().plus(7, ChronoUnit.DAYS) + "\"}")).get("id").asText();
    JsonNode run = ok(http.post(o.admin(), "/api/v1/controls/AC-1/run", ""));
    assertThat(run.get("result").asText()).isEqualTo("fail");
    String path = "/api/v1/controls/AC-1/runs/" + run.get("id").asText() + "/members";

    // "4 passed, 1 failed, 1 excused", member by member, in the evidence record's order.
    Reply all = http.get(auditor, path);
    assertThat(all.status()).as(all.text()).isEqualTo(200);
    assertThat(all.get("population").asLong()).isEqualTo(6).isEqualTo(run.get("population").asLong());
    assertThat(all.get("membersListed").asBoolean()).isTrue();
    assertThat(all.get("nextCursor").isNull()).isTrue();
    JsonNode evidence = http.get(auditor, "/api/v1/controls/AC-1/runs/" + run.get("id").asText() + "/evidence").json();
    List<String> recorded = new ArrayList<>();
    evidence.get("members").forEach(m -> recorded.add(m.asText()));
    assertThat(all.get("items").findValuesAsText("subjectId")).isEqualTo(recorded)
        .containsExactlyInAnyOrderElementsOf(concat(fine, List.of(wildcard, excusedGrant)));
    for (JsonNode m : all.get("items")) {
      String id = m.get("subjectId").asText();
      assertThat(m.get("kind").asText()).isEqualTo("grant");
      String expected = id.equals(wildcard) ? "fail" : id.equals(excusedGrant) ? "excused" : "pass";
      assertThat(m.get("result").asText()).as(id).isEqualTo(expected);
      assertThat(m.get("exceptionId").isNull()).as(id).isEqualTo(!id.equals(excusedGrant));
      assertThat(m.get("detail").isNull()).as(id).isEqualTo(expected.equals("pass"));
    }
    JsonNode failed = onlyResult(auditor, path, "fail");
    assertThat(failed.get("subjectId").asText()).isEqualTo(wildcard);
    assertThat(failed.get("detail").asText()).isEqualTo(run.get("exceptions").get(0).get("detail").asText())
        .contains("*");
    JsonNode excused = onlyResult(auditor, path, "excused");
    assertThat(excused.get("subjectId").asText()).isEqualTo(excusedGrant);
    assertThat(excused.get("exceptionId").asText()).isEqualTo(exception);
    assertThat(http.get(auditor, path + "?result=pass").get("items").findValuesAsText("subjectId"))
        .containsExactlyInAnyOrderElementsOf(fine);
    assertThat(run.get("exceptionCount").asLong()).isEqualTo(1);

    // Paging: one member a page gives the same members in the same order, filtered or not.
    assertThat(memberPages(auditor, path, "")).isEqualTo(toList(all.get("items")));
    assertThat(memberPages(auditor, path, "&result=pass").stream().map(m -> m.get("subjectId").asText()).toList())
        .isEqualTo(recorded.stream().filter(fine::contains).toList());

    // A control that counts things that are not objects lists none, and says so.
    JsonNode lg1 = ok(http.post(o.admin(), "/api/v1/controls/LG-1/run", ""));
    Reply counted = http.get(auditor, "/api/v1/controls/LG-1/runs/" + lg1.get("id").asText() + "/members");
    assertThat(counted.status()).as(counted.text()).isEqualTo(200);
    assertThat(counted.get("items")).isEmpty();
    assertThat(counted.get("membersListed").asBoolean()).isFalse();
    assertThat(counted.get("population").asLong()).isPositive().isEqualTo(lg1.get("population").asLong());

    // Refusals: a bad filter or cursor, a run that is not this control's, not this tenant's, or none.
    String theirRun = ok(http.post(adminB, "/api/v1/controls/AC-1/run", "")).get("id").asText();
    assertEachRefused(auditor, List.of(
        new Bad("GET", path + "?result=maybe", null, null, 422),
        new Bad("GET", path + "?result=FAIL", null, null, 422),
        new Bad("GET", path + "?cursor=gra_00000000000000000000000000", null, null, 400),
        new Bad("GET", path + "?result=fail&cursor=" + fine.get(0), null, null, 400),
        new Bad("GET", path + "?limit=0", null, null, 422),
        new Bad("GET", path + "?status=fail", null, null, 400),
        new Bad("GET", "/api/v1/controls/AC-2/runs/" + run.get("id").asText() + "/members", null, null, 404),
        new Bad("GET", "/api/v1/controls/XX-9/runs/" + run.get("id").asText() + "/members", null, null, 404),
        new Bad("GET", "/api/v1/controls/AC-1/runs/run_00000000000000000000000000/members", null, null, 404),
        new Bad("GET", "/api/v1/controls/AC-1/runs/" + theirRun + "/members", null, null, 404)));
    assertError(http.get(ingest, path), 403);
  }

  JsonNode onlyResult(String token, String path, String result) {
    JsonNode items = ok(http.get(token, path + "?result=" + result)).get("items");
    assertThat(items).as(result).hasSize(1);
    return items.get(0);
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  @Test
  void aFindingNamesItsMemberAndPeopleAssignItThroughTheApi() throws Exception {
    Org o = org("findings-api");
    String wildcard = grant(o, "[\"*\"]");
    awaitControl(o.admin(), "AC-1", status("failing"));
    JsonNode listed = findings(o.admin(), "status=open&controlId=AC-1").get(0);
    String id = listed.get("id").asText();
    assertThat(listed.get("subject").get("kind").asText()).isEqualTo("grant");
    assertThat(listed.get("subject").get("id").asText()).isEqualTo(wildcard);
    assertThat(listed.get("subject").get("name").asText()).isEqualTo("bot on CRM");
    assertThat(listed.get("severity").asText()).isEqualTo("medium");
    assertThat(listed.get("ownerId").asText()).isEqualTo(o.owner());
    assertThat(listed.get("summary").asText()).contains("agent \"bot\"").contains("connection \"CRM\"");
    assertThat(listed.get("remediation").asText()).contains("DELETE /api/v1/agents/{agentId}/grants/{grantId}");
    assertThat(Duration.between(Instant.parse(listed.get("openedAt").asText()),
        Instant.parse(listed.get("dueAt").asText()))).isEqualTo(Duration.ofDays(90));
    assertThat(listed.get("overdue").asBoolean()).isFalse();
    assertThat(listed.has("history")).isFalse();
    assertThat(findings(o.admin(), "severity=medium&ownerId=" + o.owner())).extracting(f -> f.get("id").asText())
        .contains(id);
    assertThat(findings(o.admin(), "severity=critical&controlId=AC-1")).isEmpty();
    assertThat(findings(o.admin(), "overdue=true")).isEmpty();

    // Refused, changing nothing: bad filters and bodies, auditors, another tenant, unknown ids.
    String orgAuditor = created(http.post(o.admin(), "/api/v1/tokens", "{\"name\":\"auditor\",\"role\":\"auditor\"}"))
        .get("token").asText();
    long before = peopleEntries(o.admin());
    assertError(http.get(o.admin(), "/api/v1/findings?severity=urgent"), 422);
    assertError(http.get(o.admin(), "/api/v1/findings?overdue=yes"), 422);
    assertError(http.patch(o.admin(), "/api/v1/findings/" + id, "{}"), 422);
    assertError(http.patch(o.admin(), "/api/v1/findings/" + id, "{\"ownerId\":\"usr_nobody\"}"), 422);
    assertError(http.patch(o.admin(), "/api/v1/findings/" + id, "{\"comment\":\"  \"}"), 422);
    assertThat(http.patch(o.admin(), "/api/v1/findings/" + id, "{\"comment\":\"\"}").get("message").asText())
        .as("one message for one empty field").isEqualTo("comment must not be blank");
    assertThat(http.patch(o.admin(), "/api/v1/findings/" + id, "{\"comment\":\"" + "x".repeat(2001) + "\"}")
        .get("message").asText()).isEqualTo("comment must be at most 2000 characters");
    assertError(http.patch(o.admin(), "/api/v1/findings/" + id, "{\"severity\":\"low\"}"), 400);
    assertError(http.patch(orgAuditor, "/api/v1/findings/" + id, "{\"comment\":\"mine\"}"), 403);
    assertError(http.patch(adminB, "/api/v1/findings/" + id, "{\"comment\":\"mine\"}"), 404);
    assertError(http.get(adminB, "/api/v1/findings/" + id), 404);
    assertError(http.get(o.admin(), "/api/v1/findings/fnd_nothing"), 404);
    assertThat(peopleEntries(o.admin())).isEqualTo(before);

    // Due a moment after it opened: overdue now.
    Instant due = Instant.parse(listed.get("openedAt").asText()).plusMillis(1);
    JsonNode patched = ok(http.patch(o.admin(), "/api/v1/findings/" + id, "{\"ownerId\":\"" + o.approver()
        + "\",\"dueAt\":\"" + due + "\",\"comment\":\"Ann narrows it this week\"}"));
    assertThat(patched.get("ownerId").asText()).isEqualTo(o.approver());
    assertThat(patched.get("overdue").asBoolean()).isTrue();
    assertThat(patched.get("history").findValuesAsText("change"))
        .containsExactly("opened", "owner_changed", "due_changed", "commented");
    assertThat(patched.get("history").get(3).get("note").asText()).isEqualTo("Ann narrows it this week");
    assertThat(findings(o.admin(), "overdue=true&ownerId=" + o.approver())).extracting(f -> f.get("id").asText())
        .containsExactly(id);
    JsonNode read = ok(http.get(orgAuditor, "/api/v1/findings/" + id));
    assertThat(read.get("history").size()).isEqualTo(4);
    assertThat(peopleEntries(o.admin())).isEqualTo(before + 1);
    AuditEntry audited = readChain(o.admin(), 1000).stream().filter(e -> e.kind().equals("finding.updated"))
        .findFirst().orElseThrow();
    assertThat(audited.subject()).isEqualTo(id);
    assertThat(audited.actor().type()).isEqualTo("token");
  }

  /** The entries of a tenant's chain that people's calls appended (control runs left out). */
  long peopleEntries(String token) {
    return readChain(token, 1000).stream().filter(e -> !e.kind().equals("control.run")).count();
  }

  // --- Type II reports ------------------------------------------------------------------------

  @Test
  void aRemediatedDeviationIsInTheReportsPdfPackageAndOscal() throws Exception {
    Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
    Org o = org("reported");
    String auditor = created(http.post(o.admin(), "/api/v1/tokens", "{\"name\":\"a\",\"role\":\"auditor\"}"))
        .get("token").asText();
    grant(o, "[\"crm:read\"]");
    String wildcard = grant(o, "[\"crm:read\", \"*\"]");
    awaitControl(o.admin(), "AC-1", status("failing"));
    assertThat(http.delete(o.admin(), "/api/v1/agents/" + o.agent() + "/grants/" + wildcard).status()).isEqualTo(204);
    awaitControl(o.admin(), "AC-1", status("passing"));
    Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String period = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"title\":\"Zoë's review — Q4\"}";

    // Controls keep running after a change (AC-2 to AC-4 after the revocation, a first sweep)
    // and append their runs meanwhile: what a refusal must not add is a report entry.
    long before = reportEntries(o.admin());
    assertError(http.post(auditor, "/api/v1/reports", period), 403);
    assertError(http.post(o.admin(), "/api/v1/reports", "{\"from\":\"" + to + "\",\"to\":\"" + from + "\"}"), 400);
    assertError(http.post(o.admin(), "/api/v1/reports", "{\"from\":\"" + from + "\",\"to\":\""
        + Instant.now().plusSeconds(3600) + "\"}"), 400);
    assertError(http.post(o.admin(), "/api/v1/reports", "{\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"" + to + "\"}"),
        400);
    assertError(http.post(o.admin(), "/api/v1/reports", "{\"from\":\"" + from + "\"}"), 422);
    assertThat(reportEntries(o.admin())).isEqualTo(before);
    assertThat(http.get(o.admin(), "/api/v1/reports").get("items")).isEmpty();

    Reply queued = http.post(o.admin(), "/api/v1/reports", period);
    assertThat(queued.status()).as(queued.text()).isEqualTo(202);
    String id = queued.get("id").asText();
    assertThat(queued.get("status").asText()).isIn("queued", "running");
    JsonNode done = awaitReport(auditor, id);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
    assertThat(done.get("pages").asInt()).isPositive();
    String other = server.createTenant("other-reports").get("adminToken").asText();
    assertError(http.get(other, "/api/v1/reports/" + id), 404);
    assertError(http.get(other, "/api/v1/reports/" + id + "/report.pdf"), 404);

    Http.Download pdf = http.download(auditor, "/api/v1/reports/" + id + "/report.pdf");
    Http.Download pack = http.download(auditor, "/api/v1/reports/" + id + "/evidence.zip");
    Http.Download oscal = http.download(auditor, "/api/v1/reports/" + id + "/oscal.json");
    assertThat(List.of(pdf.status(), pack.status(), oscal.status())).containsOnly(200);
    assertThat(pdf.contentType()).startsWith("application/pdf");
    assertThat(Sha256.hex(pack.body())).isEqualTo(done.get("files").get("evidence.zip").get("sha256").asText());

    String text = pdfText(pdf.body());
    assertThat(text).contains("AC-1", "Zoë's review — Q4", wildcard);
    JsonNode ar = Http.JSON.readTree(oscal.body()).get("assessment-results");
    JsonNode ac1 = null;
    for (JsonNode f : ar.get("results").get(0).get("findings")) {
      if (f.get("target").get("target-id").asText().startsWith("AC-1")) ac1 = f;
    }
    assertThat(ac1).isNotNull();
    assertThat(ac1.get("target").get("status").get("state").asText()).isEqualTo("not-satisfied");
    assertThat(ac1.get("description").asText()).contains(wildcard);
    Path zip = Files.createTempFile("evidence", ".zip");
    try {
      Files.write(zip, pack.body());
      var verified = PackageVerifier.verify(zip, null);
      assertThat(verified.problems()).isEmpty();
      assertThat(zipMember(zip, "controls/AC-1/deviations.csv")).contains(wildcard);
    } finally {
      Files.delete(zip);
    }

    Reply chain = http.get(o.admin(), "/api/v1/audit/entries?limit=1000");
    List<String> kinds = chain.get("items").findValuesAsText("kind");
    assertThat(kinds).contains("report.requested", "report.generated", "report.downloaded");
  }

  @Test
  void aReportOverAnEditedChainFailsAndItsDownloadSaysWhy() throws Exception {
    Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
    JsonNode tenant = server.createTenant("edited-chain");
    String admin = tenant.get("adminToken").asText();
    String tenantId = tenant.get("tenantId").asText();
    server.directly(c -> {
      try (var u = c.prepareStatement("UPDATE audit_entries SET data = ? WHERE tenant_id = ? AND seq = 1")) {
        u.setString(1, "{\"name\":\"Someone Else\"}");
        u.setString(2, tenantId);
        assertThat(u.executeUpdate()).isEqualTo(1);
      }
    });
    Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Reply queued = http.post(admin, "/api/v1/reports", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
    assertThat(queued.status()).as(queued.text()).isEqualTo(202);
    String id = queued.get("id").asText();
    JsonNode failed = awaitReport(admin, id);
    assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
    assertThat(failed.get("reason").asText()).contains("tenant " + tenantId);

    Reply download = http.get(admin, "/api/v1/reports/" + id + "/report.pdf");
    assertError(download, 409);
    assertThat(download.get("message").asText()).contains("failed (" + failed.get("reason").asText() + ")")
        .contains("ask for it again");
  }

  @Test
  void theReportCommandWritesAVerifiableReportTheApiServesAndRefusesAPeriodNotOverOrAFullDirectory() throws Exception {
    Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
    JsonNode tenant = server.createTenant("cli-report");
    String tenantId = tenant.get("tenantId").asText();
    String to = Instant.now().toString();
    Path out = Files.createTempDirectory("vigil-report");
    try {
      VigilServer.CliRun refused = server.run("report", "--tenant", tenantId, "--from", from.toString(), "--to",
          Instant.now().plusSeconds(3600).toString(), "--out", out.toString(), VigilServer.CONFIG.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("the period must be over");

      String printed = server.cli("report", "--tenant", tenantId, "--from", from.toString(), "--to", to, "--out",
          out.toString(), "--title", "From the command line", VigilServer.CONFIG.toString());

      assertThat(printed).contains("100%").contains("report.pdf").contains("evidence.zip").contains("oscal.json");
      var verified = PackageVerifier.verify(out.resolve("evidence.zip"), null);
      assertThat(verified.problems()).isEmpty();
      assertThat(pdfText(Files.readAllBytes(out.resolve("report.pdf")))).contains("From the command line");
      String admin = tenant.get("adminToken").asText();
      JsonNode listed = http.get(admin, "/api/v1/reports").get("items").get(0);
      assertThat(listed.get("status").asText()).isEqualTo("done");
      assertThat(listed.get("requestedBy").get("type").asText()).isEqualTo("cli");
      Http.Download served = http.download(admin, "/api/v1/reports/" + listed.get("id").asText() + "/report.pdf");
      assertThat(served.status()).as("the API serves what the command wrote").isEqualTo(200);
      assertThat(served.body()).isEqualTo(Files.readAllBytes(out.resolve("report.pdf")));

      byte[] before = Files.readAllBytes(out.resolve("evidence.zip"));
      VigilServer.CliRun again = server.run("report", "--tenant", tenantId, "--from", from.toString(), "--to", to,
          "--out", out.toString(), VigilServer.CONFIG.toString());
      assertThat(again.exit()).isEqualTo(1);
      assertThat(again.err()).contains("already holds files");
      assertThat(Files.readAllBytes(out.resolve("evidence.zip"))).as("a recorded file is not overwritten").isEqualTo(before);
      assertThat(http.get(admin, "/api/v1/reports").get("items")).as("nothing recorded for the refused run").hasSize(1);

      VigilServer.CliRun intoFile = server.run("report", "--tenant", tenantId, "--from", from.toString(), "--to", to,
          "--out", out.resolve("report.pdf").toString(), VigilServer.CONFIG.toString());
      assertThat(intoFile.exit()).isEqualTo(1);
      assertThat(intoFile.err()).contains("is a file, not a directory");
      assertThat(http.get(admin, "/api/v1/reports").get("items")).hasSize(1);
    } finally {
      try (var files = Files.list(out)) {
        for (Path f : files.toList()) Files.delete(f);
      }
      Files.delete(out);
    }
  }

  /** Polls the report until it is done or failed. */
  JsonNode awaitReport(String token, String id) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = http.get(token, "/api/v1/reports/" + id).json();
      if (List.of("done", "failed").contains(last.path("status").asText())) return last;
      Thread.sleep(100);
    }
    throw new AssertionError("report " + id + " not finished within 60 s; last: " + last);
  }

  /** Entries about reports in the tenant's chain (its first 1000). */
  long reportEntries(String token) {
    return http.get(token, "/api/v1/audit/entries?limit=1000").get("items").findValuesAsText("kind").stream()
        .filter(k -> k.startsWith("report.")).count();
  }

  static String pdfText(byte[] pdf) throws Exception {
    try (var doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  static String zipMember(Path zip, String name) throws Exception {
    try (var z = new ZipFile(zip.toFile())) {
      return new String(z.getInputStream(z.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
