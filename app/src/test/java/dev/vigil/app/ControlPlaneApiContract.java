package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.Endpoints.Endpoint;
import dev.vigil.app.Endpoints.Segment;
import dev.vigil.app.Http.Reply;
import dev.vigil.app.auth.Roles;
import dev.vigil.controls.audit.AuditEntry;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Vendors, connections, credentials, keys, grants, reviews, exceptions and incidents over HTTP. */
abstract class ControlPlaneApiContract extends ApiFixture {

  String vendorA;
  String connectionA;
  String vendorB;
  String connectionB;
  String incidentB;
  String exceptionB;
  String approverA;

  @BeforeAll
  void controlPlane() {
    approverA = created(http.post(adminA, "/api/v1/users", user("ann@acme.example", "admin"))).get("id").asText();
    vendorA = created(http.post(adminA, "/api/v1/vendors", vendor("Salesforce", "high"))).get("id").asText();
    connectionA = created(http.post(adminA, "/api/v1/connections",
        connection("CRM", vendorA, "https://acme.my.salesforce.com"))).get("id").asText();
    vendorB = created(http.post(adminB, "/api/v1/vendors", vendor("Slack", "medium"))).get("id").asText();
    connectionB = created(http.post(adminB, "/api/v1/connections",
        connection("Chat", vendorB, "wss://slack.example"))).get("id").asText();
    incidentB = created(http.post(adminB, "/api/v1/incidents", incident("theirs", ago(2)))).get("id").asText();
    exceptionB = created(http.post(adminB, "/api/v1/exceptions", exception("IR-1", incidentB, ownerB)))
        .get("id").asText();
  }

  static String exception(String control, String subject, String approver) {
    return "{\"controlId\":\"" + control + "\",\"subjectId\":\"" + subject + "\",\"reason\":\"break-glass\","
        + "\"approvedBy\":\"" + approver + "\",\"expiresAt\":\"" + Instant.now().plus(7, ChronoUnit.DAYS) + "\"}";
  }

  String newGrant(String agent, String connection) {
    return created(http.post(adminA, "/api/v1/agents/" + agent + "/grants", grantBody(connection, "[\"crm:read\"]", null)))
        .get("id").asText();
  }

  /** The last entry of tenant A's chain of {@code kind} about {@code subject}. */
  AuditEntry lastEntry(String kind, String subject) {
    List<AuditEntry> chain = readChain(auditor, 1000);
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (chain.get(i).kind().equals(kind) && chain.get(i).subject().equals(subject)) return chain.get(i);
    }
    throw new AssertionError("no " + kind + " entry about " + subject);
  }

  static String vendor(String name, String criticality) {
    return "{\"name\":\"" + name + "\",\"criticality\":\"" + criticality
        + "\",\"services\":\"CRM\",\"dataShared\":\"contacts\"}";
  }

  static String connection(String name, String vendor, String endpoint) {
    return "{\"name\":\"" + name + "\",\"app\":\"crm\",\"vendorId\":\"" + vendor + "\",\"endpoint\":\"" + endpoint + "\"}";
  }

  static String incident(String title, Instant detected) {
    return "{\"title\":\"" + title + "\",\"severity\":\"sev2\",\"detectedAt\":\"" + detected
        + "\",\"affectsCustomerData\":true,\"description\":\"d\"}";
  }

  static Instant ago(long hours) {
    return Instant.now().minus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
  }

  String grantBody(String connection, String scopes, String expiresAt) {
    return "{\"connectionId\":\"" + connection + "\",\"scopes\":" + scopes
        + ",\"justification\":\"triage\",\"requestedBy\":\"" + ownerA + "\",\"approvedBy\":\"" + approverA + "\""
        + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"") + "}";
  }

  // --- the canary -------------------------------------------------------------------------

  @Test
  void aCanarySecretAppearsNowhereButInTheVault() throws Exception {
    String canary = "canary-" + UUID.randomUUID();
    String connection = created(http.post(adminA, "/api/v1/connections",
        connection("Canary CRM", vendorA, "https://canary.example"))).get("id").asText();
    List<String> responses = new ArrayList<>();
    try (LogCapture logs = LogCapture.begin()) {
      Reply put = http.send(adminA, "PUT", "/api/v1/connections/" + connection + "/credential",
          "{\"secret\":\"" + canary + "\"}", "application/json");
      assertThat(put.status()).as(put.text()).isEqualTo(204);
      Reply one = http.get(adminA, "/api/v1/connections/" + connection);
      assertThat(one.get("credential").get("present").asBoolean()).isTrue();
      assertThat(one.get("credential").get("keyId").asText()).isNotBlank();
      responses.add(put.text());
      responses.add(one.text());
      responses.add(http.get(adminA, "/api/v1/connections?limit=1000").text());
      responses.add(http.get(compliance, "/api/v1/connections/" + connection).text());
      responses.add(http.get(adminA, "/api/v1/keys").text());
      responses.add(http.get(auditor, "/api/v1/audit/entries?limit=1000").text());
      // A failing write with the canary in it must not log it either.
      responses.add(http.send(adminA, "PUT", "/api/v1/connections/con_00000000000000000000000000/credential",
          "{\"secret\":\"" + canary + "\"}", "application/json").text());
      responses.add(http.send(adminA, "PUT", "/api/v1/connections/" + connection + "/credential",
          "{\"secret\":\"" + canary + "\",\"extra\":1}", "application/json").text());
      assertThat(logs.size()).isPositive();
      assertThat(logs.text()).doesNotContain(canary);
    }
    assertThat(responses).allSatisfy(r -> assertThat(r).doesNotContain(canary));
    assertThat(server.dumpDatabase()).contains(connection).doesNotContain(canary);
  }

  @Test
  void malformedJsonIsReportedByPositionNeverByEchoingTheText() {
    Reply r = http.send(adminA, "PUT", "/api/v1/connections/" + connectionA + "/credential",
        "{\"secret\": SkUnquotedCanary123}", "application/json");
    assertError(r, 400);
    assertThat(r.text()).doesNotContain("SkUnquotedCanary123").contains("line 1");
  }

  // --- changing, stripping and retiring connections ------------------------------------------

  @Test
  void aConnectionIsPatchedWithOldAndNewAudited() {
    String c = created(http.post(adminA, "/api/v1/connections", connection("Old CRM", vendorA, "http://crm.example")))
        .get("id").asText();
    String other = created(http.post(adminA, "/api/v1/vendors", vendor("HubSpot", "low"))).get("id").asText();
    Reply ok = http.patch(adminA, "/api/v1/connections/" + c, "{\"name\":\"New CRM\",\"vendorId\":\"" + other
        + "\",\"endpoint\":\"https://crm.example\"}");
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    assertThat(ok.get("endpoint").asText()).isEqualTo("https://crm.example");
    assertThat(ok.get("status").asText()).isEqualTo("active");
    assertThat(http.get(compliance, "/api/v1/connections/" + c).get("vendorId").asText()).isEqualTo(other);
    AuditEntry entry = lastEntry("connection.updated", c);
    assertThat(entry.data().get("name").toString()).isEqualTo("{\"from\":\"Old CRM\",\"to\":\"New CRM\"}");
    assertThat(entry.data().get("vendorId").toString()).isEqualTo("{\"from\":\"" + vendorA + "\",\"to\":\"" + other + "\"}");
    assertThat(entry.data().get("endpoint").toString())
        .isEqualTo("{\"from\":\"http://crm.example\",\"to\":\"https://crm.example\"}");
  }

  @Test
  void aStoredCredentialIsDeletedOnceAndAudited() {
    String c = created(http.post(adminA, "/api/v1/connections", connection("Mail", vendorA, "https://mail.example")))
        .get("id").asText();
    long before = chainLength();
    assertError(http.delete(adminA, "/api/v1/connections/" + c + "/credential"), 404);
    assertThat(chainLength()).isEqualTo(before);
    assertThat(http.send(adminA, "PUT", "/api/v1/connections/" + c + "/credential", "{\"secret\":\"to-delete\"}",
        "application/json").status()).isEqualTo(204);
    String keyId = http.get(adminA, "/api/v1/connections/" + c).get("credential").get("keyId").asText();

    assertThat(http.delete(adminA, "/api/v1/connections/" + c + "/credential").status()).isEqualTo(204);
    assertThat(http.get(adminA, "/api/v1/connections/" + c).get("credential").isNull()).isTrue();
    AuditEntry entry = lastEntry("credential.deleted", c);
    assertThat(entry.data().get("keyId").asText()).isEqualTo(keyId);
    assertThat(entry.data().get("ciphertextSha256").asText())
        .isEqualTo(lastEntry("credential.stored", c).data().get("ciphertextSha256").asText());
    assertError(http.delete(adminA, "/api/v1/connections/" + c + "/credential"), 404);
  }

  @Test
  void retiringAConnectionDestroysItsCredentialRevokesItsGrantsAndIsFinal() {
    String c = created(http.post(adminA, "/api/v1/connections", connection("Doomed", vendorA, "https://doomed.example")))
        .get("id").asText();
    String agent = newAgent("doomed-user");
    String kept = newGrant(agent, connectionA);
    String gone1 = newGrant(agent, c);
    String gone2 = newGrant(newAgent("doomed-user-2"), c);
    assertThat(http.send(adminA, "PUT", "/api/v1/connections/" + c + "/credential", "{\"secret\":\"doomed-secret\"}",
        "application/json").status()).isEqualTo(204);
    String agentToken = created(http.post(adminA, "/api/v1/agents/" + agent + "/tokens", "{}")).get("token").asText();
    assertThat(http.post(agentToken, "/api/v1/connections/" + c + "/credential/lease", "{\"action\":\"crm:read\"}")
        .status()).isEqualTo(200);

    Reply retired = http.post(adminA, "/api/v1/connections/" + c + "/retire", null);
    assertThat(retired.status()).as(retired.text()).isEqualTo(200);
    assertThat(retired.get("status").asText()).isEqualTo("retired");
    assertThat(retired.get("retiredAt").isNull()).isFalse();
    assertThat(retired.get("credential").isNull()).isTrue();
    assertThat(http.get(compliance, "/api/v1/connections/" + c).get("status").asText()).isEqualTo("retired");
    assertThat(http.get(adminA, "/api/v1/agents/" + agent + "/grants").get("items").findValuesAsText("id"))
        .containsExactly(kept);
    AuditEntry entry = lastEntry("connection.retired", c);
    assertThat(entry.data().get("credentialDestroyed").asBoolean()).isTrue();
    assertThat(entry.data().get("ciphertextSha256").asText())
        .isEqualTo(lastEntry("credential.stored", c).data().get("ciphertextSha256").asText());
    List<String> revoked = new ArrayList<>();
    entry.data().get("revokedGrants").forEach(g -> revoked.add(g.asText()));
    assertThat(revoked).containsExactlyInAnyOrder(gone1, gone2);

    // Final: nothing more on it, and each refusal but the audited lease changes nothing.
    long before = chainLength();
    assertError(http.post(adminA, "/api/v1/connections/" + c + "/retire", null), 409);
    assertError(http.patch(adminA, "/api/v1/connections/" + c, "{\"name\":\"Back\"}"), 409);
    assertError(http.send(adminA, "PUT", "/api/v1/connections/" + c + "/credential", "{\"secret\":\"again\"}",
        "application/json"), 409);
    assertError(http.post(adminA, "/api/v1/agents/" + agent + "/grants", grantBody(c, "[\"crm:read\"]", null)), 409);
    assertError(http.delete(adminA, "/api/v1/connections/" + c + "/credential"), 404);
    assertThat(chainLength()).isEqualTo(before);
    assertError(http.post(agentToken, "/api/v1/connections/" + c + "/credential/lease", "{\"action\":\"crm:read\"}"),
        409);
    assertThat(lastEntry("credential.lease_denied", agent).data().get("reason").asText()).contains("retired");
  }

  // --- keys -------------------------------------------------------------------------------

  @Test
  void rotationKeepsCredentialsUsableAndReencryptionMovesThemToThePrimary() {
    assertThat(http.send(adminA, "PUT", "/api/v1/connections/" + connectionA + "/credential",
        "{\"secret\":\"old-key-secret\"}", "application/json").status()).isEqualTo(204);
    String before = http.get(adminA, "/api/v1/connections/" + connectionA).get("credential").get("keyId").asText();
    Reply rotated = http.post(adminA, "/api/v1/keys/rotate", null);
    assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
    String fresh = rotated.get("keyId").asText();
    assertThat(fresh).isNotEqualTo(before);
    JsonNode keys = http.get(compliance, "/api/v1/keys").get("items");
    assertThat(keys.findValuesAsText("keyId")).contains(before, fresh);
    assertThat(keys.toString()).doesNotContain("keyValue").doesNotContain("encryptedKeyset");
    Reply re = http.post(adminA, "/api/v1/keys/reencrypt", null);
    assertThat(re.status()).as(re.text()).isEqualTo(200);
    assertThat(re.get("keyId").asText()).isEqualTo(fresh);
    assertThat(http.get(adminA, "/api/v1/connections/" + connectionA).get("credential").get("keyId").asText())
        .isEqualTo(fresh);
    assertError(http.post(compliance, "/api/v1/keys/rotate", null), 403);
  }

  // --- grants, reviews, exceptions --------------------------------------------------------

  @Test
  void grantsAreMadeListedAndRevokedWithHistory() {
    String agent = newAgent("grantee");
    JsonNode g = created(http.post(adminA, "/api/v1/agents/" + agent + "/grants",
        grantBody(connectionA, "[\"crm:read\",\"crm:*\"]", Instant.now().plus(1, ChronoUnit.DAYS).toString())));
    assertThat(g.get("revokedAt").isNull()).isTrue();
    assertThat(g.get("scopes").toString()).isEqualTo("[\"crm:read\",\"crm:*\"]");
    String id = g.get("id").asText();
    assertThat(http.get(compliance, "/api/v1/agents/" + agent + "/grants").get("items").findValuesAsText("id"))
        .containsExactly(id);
    assertThat(http.delete(adminA, "/api/v1/agents/" + agent + "/grants/" + id).status()).isEqualTo(204);
    assertThat(http.get(adminA, "/api/v1/agents/" + agent + "/grants").get("items")).isEmpty();
    JsonNode history = http.get(adminA, "/api/v1/agents/" + agent + "/grants?all=true").get("items");
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("revokedAt").isNull()).isFalse();
    assertError(http.get(adminA, "/api/v1/agents/" + agent + "/grants?all=maybe"), 400);
  }

  @Test
  void aRevokingAccessReviewRevokesEveryGrant() {
    String agent = newAgent("reviewed");
    created(http.post(adminA, "/api/v1/agents/" + agent + "/grants", grantBody(connectionA, "[\"crm:read\"]", null)));
    created(http.post(adminA, "/api/v1/agents/" + agent + "/grants", grantBody(connectionA, "[\"crm:write\"]", null)));
    JsonNode review = created(http.post(adminA, "/api/v1/access-reviews", "{\"agentId\":\"" + agent
        + "\",\"reviewerId\":\"" + approverA + "\",\"decision\":\"revoke\",\"notes\":\"left the team\"}"));
    assertThat(review.get("decision").asText()).isEqualTo("revoke");
    assertThat(http.get(adminA, "/api/v1/agents/" + agent + "/grants").get("items")).isEmpty();
    assertThat(http.get(compliance, "/api/v1/access-reviews?limit=1000").get("items").findValuesAsText("id"))
        .contains(review.get("id").asText());
  }

  @Test
  void exceptionsAreApprovedReadableByAuditorsAndRevokedOnce() {
    String grant = newGrant(newAgent("excused"), connectionA);
    JsonNode e = created(http.post(adminA, "/api/v1/exceptions", exception("AC-1", grant, approverA)));
    String id = e.get("id").asText();
    assertThat(e.get("revokedAt").isNull()).isTrue();
    assertThat(http.get(auditor, "/api/v1/exceptions?limit=1000").get("items").findValuesAsText("id")).contains(id);

    Reply revoked = http.post(compliance, "/api/v1/exceptions/" + id + "/revoke",
        "{\"revokedBy\":\"" + approverA + "\",\"reason\":\"no longer needed\"}");
    assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
    assertThat(revoked.get("revokedBy").asText()).isEqualTo(approverA);
    assertThat(Instant.parse(revoked.get("revokedAt").asText())).isBefore(Instant.parse(e.get("expiresAt").asText()));
    AuditEntry entry = lastEntry("exception.revoked", id);
    assertThat(entry.data().get("controlId").asText()).isEqualTo("AC-1");
    assertThat(entry.data().get("subjectId").asText()).isEqualTo(grant);
    assertThat(entry.data().get("revokedBy").asText()).isEqualTo(approverA);
    assertThat(entry.data().get("reason").asText()).isEqualTo("no longer needed");

    long before = chainLength();
    assertError(http.post(adminA, "/api/v1/exceptions/" + id + "/revoke", "{\"revokedBy\":\"" + approverA + "\"}"), 409);
    assertThat(chainLength()).isEqualTo(before);
  }

  @Test
  void anExceptionsSubjectMustBeAMemberOfItsControlsPopulation() {
    String grant = newGrant(newAgent("member"), connectionA);
    String incident = created(http.post(adminA, "/api/v1/incidents", incident("member", ago(1)))).get("id").asText();
    created(http.post(adminA, "/api/v1/exceptions", exception("AC-1", grant, approverA)));
    created(http.post(adminA, "/api/v1/exceptions", exception("AC-5", newAgent("reviewed-late"), approverA)));
    created(http.post(adminA, "/api/v1/exceptions", exception("EN-3", connectionA, approverA)));
    created(http.post(adminA, "/api/v1/exceptions", exception("VM-1", vendorA, approverA)));
    created(http.post(adminA, "/api/v1/exceptions", exception("IR-2", incident, approverA)));
    // Controls that count things that are not objects take the subject their deviation names.
    created(http.post(adminA, "/api/v1/exceptions", exception("LG-3", "schedule logging", approverA)));

    long before = chainLength();
    for (String[] bad : List.of(new String[] {"AC-1", "gra_x", "no grant gra_x"},
        new String[] {"AC-2", connectionA, "no grant " + connectionA},
        new String[] {"AC-5", grant, "no agent"},
        new String[] {"EN-3", vendorA, "no connection"},
        new String[] {"VM-1", connectionA, "no vendor"},
        new String[] {"VM-3", connectionB, "no connection " + connectionB},
        new String[] {"IR-1", incidentB, "no incident " + incidentB},
        new String[] {"EN-2", "12345", "no key 12345"})) {
      Reply r = http.post(adminA, "/api/v1/exceptions", exception(bad[0], bad[1], approverA));
      assertError(r, 422);
      assertThat(r.get("message").asText()).as(bad[0]).contains("subjectId").contains(bad[2]);
    }
    assertThat(chainLength()).isEqualTo(before);
  }

  @Test
  void anIncidentsTitleAndSeverityAreCorrectedWithOldAndNewAudited() {
    String id = created(http.post(adminA, "/api/v1/incidents", incident("Leaked kye", ago(4)))).get("id").asText();
    Reply ok = http.patch(adminA, "/api/v1/incidents/" + id, "{\"title\":\"Leaked key\",\"severity\":\"sev1\"}");
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    assertThat(ok.get("title").asText()).isEqualTo("Leaked key");
    assertThat(http.get(compliance, "/api/v1/incidents/" + id).get("severity").asText()).isEqualTo("sev1");
    AuditEntry entry = lastEntry("incident.corrected", id);
    assertThat(entry.data().get("title").toString()).isEqualTo("{\"from\":\"Leaked kye\",\"to\":\"Leaked key\"}");
    assertThat(entry.data().get("severity").toString()).isEqualTo("{\"from\":\"sev2\",\"to\":\"sev1\"}");

    // A correction sent with a timeline step that is refused changes nothing either.
    long before = chainLength();
    assertError(http.patch(adminA, "/api/v1/incidents/" + id, "{\"title\":\"Other\",\"resolvedAt\":\"" + ago(1) + "\"}"),
        422);
    assertThat(http.get(adminA, "/api/v1/incidents/" + id).get("title").asText()).isEqualTo("Leaked key");
    assertThat(chainLength()).isEqualTo(before);
  }

  @Test
  void anAgentsOwnerIsChangedToAnActiveUserWithOldAndNewAudited() {
    String agent = newAgent("handed-over");
    String leaver = created(http.post(adminA, "/api/v1/users", user("leaver@acme.example", "compliance")))
        .get("id").asText();
    assertThat(http.patch(adminA, "/api/v1/users/" + leaver, "{\"active\":false}").status()).isEqualTo(200);
    long before = chainLength();
    assertError(http.patch(adminA, "/api/v1/agents/" + agent, "{\"ownerId\":\"" + leaver + "\"}"), 422);
    assertError(http.patch(adminA, "/api/v1/agents/" + agent, "{\"ownerId\":\"" + ownerB + "\"}"), 422);
    assertError(http.patch(adminA, "/api/v1/agents/" + agent, "{\"ownerId\":\"" + approverA
        + "\",\"status\":\"gone\"}"), 422);
    assertThat(chainLength()).isEqualTo(before);
    assertThat(http.get(adminA, "/api/v1/agents/" + agent).get("ownerId").asText()).isEqualTo(ownerA);

    Reply ok = http.patch(adminA, "/api/v1/agents/" + agent, "{\"ownerId\":\"" + approverA + "\"}");
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    assertThat(ok.get("ownerId").asText()).isEqualTo(approverA);
    assertThat(ok.get("status").asText()).isEqualTo("active");
    AuditEntry entry = lastEntry("agent.owner_changed", agent);
    assertThat(entry.data().get("from").asText()).isEqualTo(ownerA);
    assertThat(entry.data().get("to").asText()).isEqualTo(approverA);
  }

  @Test
  void anIncidentTimelineIsValidatedAndAudited() {
    Instant detected = ago(10);
    String id = created(http.post(adminA, "/api/v1/incidents", incident("Leaked key", detected))).get("id").asText();
    assertError(http.patch(adminA, "/api/v1/incidents/" + id,
        "{\"containedAt\":\"" + detected.minusSeconds(60) + "\"}"), 422);
    Reply ok = http.patch(adminA, "/api/v1/incidents/" + id, "{\"containedAt\":\"" + detected.plusSeconds(3600)
        + "\",\"customersNotifiedAt\":\"" + detected.plusSeconds(7200) + "\"}");
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    assertThat(Instant.parse(ok.get("containedAt").asText())).isEqualTo(detected.plusSeconds(3600));
    assertThat(http.get(compliance, "/api/v1/incidents/" + id).get("severity").asText()).isEqualTo("sev2");
  }

  @Test
  void vendorsAndTheirReviews() {
    String v = created(http.post(adminA, "/api/v1/vendors", vendor("Anthropic", "critical"))).get("id").asText();
    JsonNode r = created(http.post(adminA, "/api/v1/vendors/" + v + "/reviews", "{\"reviewedAt\":\"" + ago(24)
        + "\",\"reviewer\":\"Carla\",\"outcome\":\"approved_with_conditions\",\"soc2PeriodEnd\":\"2026-06-30\"}"));
    assertThat(r.get("soc2PeriodEnd").asText()).isEqualTo("2026-06-30");
    assertThat(http.get(compliance, "/api/v1/vendors/" + v + "/reviews").get("items")).hasSize(1);
    Reply inactive = http.patch(adminA, "/api/v1/vendors/" + v, "{\"status\":\"inactive\"}");
    assertThat(inactive.get("status").asText()).isEqualTo("inactive");
  }

  // --- bad input changes nothing ----------------------------------------------------------

  @Test
  void badInputGetsAClearJsonErrorAndChangesNothing() throws Exception {
    String agent = newAgent("bad-input-target");
    String incident = created(http.post(adminA, "/api/v1/incidents", incident("x", ago(3)))).get("id").asText();
    String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();
    String past = ago(1).toString();
    String json = "application/json";
    List<Bad> bad = new ArrayList<>();
    for (String path : List.of("/api/v1/vendors", "/api/v1/connections", "/api/v1/agents/" + agent + "/grants",
        "/api/v1/access-reviews", "/api/v1/exceptions", "/api/v1/incidents", "/api/v1/vendors/" + vendorA + "/reviews")) {
      bad.add(new Bad("POST", path, "{}", json, 422));
      bad.add(new Bad("POST", path, "{\"x\":", json, 400));
      bad.add(new Bad("POST", path, "x", "text/plain", 415));
      bad.add(new Bad("POST", path, "{\"tenantId\":\"t\"}", json, 400));
    }
    bad.add(new Bad("POST", "/api/v1/vendors", vendor("X", "extreme"), json, 422));
    bad.add(new Bad("POST", "/api/v1/vendors", "{\"name\":\"X\",\"criticality\":3}", json, 400));
    bad.add(new Bad("POST", "/api/v1/vendors", "{\"name\":[],\"criticality\":\"low\"}", json, 400));
    bad.add(new Bad("PATCH", "/api/v1/vendors/" + vendorA, "{}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/vendors/" + vendorA, "{\"status\":\"gone\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/vendors/" + vendorA + "/reviews", "{\"reviewedAt\":\"yesterday\","
        + "\"reviewer\":\"R\",\"outcome\":\"approved\"}", json, 400));
    bad.add(new Bad("POST", "/api/v1/vendors/" + vendorA + "/reviews", "{\"reviewedAt\":\"" + future
        + "\",\"reviewer\":\"R\",\"outcome\":\"approved\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/vendors/" + vendorA + "/reviews", "{\"reviewedAt\":\"" + past
        + "\",\"reviewer\":\"R\",\"outcome\":\"fine\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/connections", connection("C", vendorA, "not a url"), json, 422));
    bad.add(new Bad("POST", "/api/v1/connections", connection("C", vendorA, "ftp://files.example"), json, 422));
    bad.add(new Bad("POST", "/api/v1/connections", connection("C", "ven_nope", "https://x.example"), json, 422));
    bad.add(new Bad("POST", "/api/v1/connections", connection("C", vendorA, "https://bob:hunter2@x.example/api"), json, 422));
    bad.add(new Bad("POST", "/api/v1/vendors", "{\"name\":\"A\",\"name\":\"B\",\"criticality\":\"low\"}", json, 400));
    bad.add(new Bad("PUT", "/api/v1/connections/" + connectionA + "/credential", "{}", json, 422));
    bad.add(new Bad("PUT", "/api/v1/connections/" + connectionA + "/credential", "{\"secret\":\"\"}", json, 422));
    bad.add(new Bad("PUT", "/api/v1/connections/" + connectionA + "/credential", "{\"secret\":7}", json, 400));
    bad.add(new Bad("PUT", "/api/v1/connections/" + connectionA + "/credential", "s", "text/plain", 415));
    bad.add(new Bad("POST", "/api/v1/agents/" + agent + "/grants", grantBody(connectionA, "[\"CRM:READ\"]", null), json, 422));
    bad.add(new Bad("POST", "/api/v1/agents/" + agent + "/grants", grantBody(connectionA, "[]", null), json, 422));
    bad.add(new Bad("POST", "/api/v1/agents/" + agent + "/grants", grantBody(connectionA, "\"crm:read\"", null), json, 400));
    bad.add(new Bad("POST", "/api/v1/agents/" + agent + "/grants", grantBody(connectionA, "[\"crm:read\"]", past), json, 422));
    bad.add(new Bad("POST", "/api/v1/agents/" + agent + "/grants", grantBody(connectionA, "[\"crm:read\"]", "soon"), json, 400));
    bad.add(new Bad("POST", "/api/v1/agents/" + agent + "/grants", grantBody(connectionB, "[\"crm:read\"]", null), json, 422));
    bad.add(new Bad("POST", "/api/v1/access-reviews", "{\"agentId\":\"" + agent + "\",\"reviewerId\":\""
        + approverA + "\",\"decision\":\"maybe\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/exceptions", "{\"controlId\":\"ZZ-1\",\"subjectId\":\"s\",\"reason\":\"r\","
        + "\"approvedBy\":\"" + approverA + "\",\"expiresAt\":\"" + future + "\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/exceptions", "{\"controlId\":\"AC-1\",\"subjectId\":\"s\",\"reason\":\"r\","
        + "\"approvedBy\":\"" + approverA + "\",\"expiresAt\":\"" + past + "\"}", json, 422));
    bad.add(new Bad("POST", "/api/v1/incidents", "{\"title\":\"t\",\"severity\":\"sev9\",\"detectedAt\":\""
        + past + "\",\"affectsCustomerData\":false}", json, 422));
    bad.add(new Bad("POST", "/api/v1/incidents", "{\"title\":\"t\",\"severity\":\"sev1\",\"detectedAt\":\""
        + future + "\",\"affectsCustomerData\":false}", json, 422));
    bad.add(new Bad("POST", "/api/v1/incidents", "{\"title\":\"t\",\"severity\":\"sev1\",\"detectedAt\":\""
        + past + "\",\"affectsCustomerData\":\"yes\"}", json, 400));
    bad.add(new Bad("PATCH", "/api/v1/incidents/" + incident, "{}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/incidents/" + incident, "{\"resolvedAt\":\"" + future + "\"}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/incidents/" + incident, "{\"resolvedAt\":\"" + past + "\"}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/incidents/" + incident, "{\"severity\":\"sev9\"}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/incidents/" + incident, "{\"title\":\" \"}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/incidents/" + incident, "{\"detectedAt\":\"" + past + "\"}", json, 400));
    String con = "/api/v1/connections/" + connectionA;
    bad.add(new Bad("PATCH", con, "{}", json, 422));
    bad.add(new Bad("PATCH", con, "{\"x\":", json, 400));
    bad.add(new Bad("PATCH", con, "x", "text/plain", 415));
    bad.add(new Bad("PATCH", con, "{\"app\":\"mail\"}", json, 400));
    bad.add(new Bad("PATCH", con, "{\"name\":\"\"}", json, 422));
    bad.add(new Bad("PATCH", con, "{\"endpoint\":\"ftp://files.example\"}", json, 422));
    bad.add(new Bad("PATCH", con, "{\"endpoint\":\"not a url\"}", json, 422));
    bad.add(new Bad("PATCH", con, "{\"endpoint\":\"https://bob:hunter2@x.example/api\"}", json, 422));
    bad.add(new Bad("PATCH", con, "{\"vendorId\":\"ven_nope\"}", json, 422));
    bad.add(new Bad("PATCH", con, "{\"vendorId\":\"" + vendorB + "\"}", json, 422));
    bad.add(new Bad("PATCH", con, "{\"name\":\"Fine\",\"vendorId\":\"ven_nope\"}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/agents/" + agent, "{}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/agents/" + agent, "{\"ownerId\":\"usr_nope\"}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/agents/" + agent, "{\"ownerId\":\"\"}", json, 422));
    bad.add(new Bad("PATCH", "/api/v1/agents/" + agent, "{\"ownerId\":7}", json, 400));
    bad.add(new Bad("POST", "/api/v1/exceptions", exception("AC-1", "gra_x", approverA), json, 422));
    String revokeMine = "/api/v1/exceptions/" + created(http.post(adminA, "/api/v1/exceptions",
        exception("AC-1", newGrant(agent, connectionA), approverA))).get("id").asText() + "/revoke";
    bad.add(new Bad("POST", revokeMine, "{}", json, 422));
    bad.add(new Bad("POST", revokeMine, "{\"x\":", json, 400));
    bad.add(new Bad("POST", revokeMine, "{\"revokedBy\":\"usr_nope\"}", json, 422));
    bad.add(new Bad("POST", revokeMine, "{\"revokedBy\":\"" + ownerB + "\"}", json, 422));
    bad.add(new Bad("POST", revokeMine, "{\"revokedBy\":\"" + approverA + "\",\"extra\":1}", json, 400));

    long before = chainLength();
    assertEachRefused(adminA, bad);
    for (String path : List.of("/api/v1/vendors", "/api/v1/connections", "/api/v1/incidents")) {
      assertThat(http.declareOversize(adminA, path, 3L * 1024 * 1024)).startsWith("HTTP/1.1 413");
    }
    assertThat(chainLength()).isEqualTo(before);
    assertThat(http.get(adminA, con).get("endpoint").asText()).isEqualTo("https://acme.my.salesforce.com");
    assertThat(http.get(adminA, "/api/v1/agents/" + agent).get("ownerId").asText()).isEqualTo(ownerA);
    assertThat(http.get(adminA, "/api/v1/incidents/" + incident).get("severity").asText()).isEqualTo("sev2");
  }

  // --- the tenant's grants ----------------------------------------------------------------

  List<String> grantIds(String token, String query) {
    Reply r = http.get(token, "/api/v1/grants?limit=1000" + query);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.get("items").findValuesAsText("id");
  }

  @Test
  void theTenantsGrantsAreListedByAgentConnectionAndStatusAndPaged() throws Exception {
    String agent = newAgent("tenant-grants");
    String other = newAgent("tenant-grants-2");
    String mail = created(http.post(adminA, "/api/v1/connections", connection("Mail", vendorA, "https://m.example")))
        .get("id").asText();
    String crm = newGrant(agent, connectionA);
    String onMail = newGrant(agent, mail);
    String revoked = newGrant(agent, connectionA);
    assertThat(http.delete(adminA, "/api/v1/agents/" + agent + "/grants/" + revoked).status()).isEqualTo(204);
    String expiring = created(http.post(adminA, "/api/v1/agents/" + agent + "/grants",
        grantBody(mail, "[\"mail:read\"]", Instant.now().plusSeconds(3).toString()))).get("id").asText();
    String othersOnMail = newGrant(other, mail);
    String theirs = created(http.post(adminB, "/api/v1/agents/" + agentB + "/grants", "{\"connectionId\":\""
        + connectionB + "\",\"scopes\":[\"chat:read\"],\"requestedBy\":\"" + ownerB + "\",\"approvedBy\":\""
        + ownerB + "\"}")).get("id").asText();

    // Expiry is exclusive and judged at each read: wait for the one grant to lapse.
    Instant deadline = Instant.now().plusSeconds(15);
    while (!grantIds(auditor, "&agentId=" + agent + "&status=expired").contains(expiring)) {
      assertThat(Instant.now()).as("grant " + expiring + " never listed as expired").isBefore(deadline);
      Thread.sleep(100);
    }

    for (String token : List.of(adminA, compliance, auditor)) {
      assertThat(grantIds(token, "&agentId=" + agent)).containsExactly(crm, onMail, revoked, expiring);
      assertThat(grantIds(token, "&agentId=" + agent + "&status=active")).containsExactly(crm, onMail);
      assertThat(grantIds(token, "&agentId=" + agent + "&status=revoked")).containsExactly(revoked);
      assertThat(grantIds(token, "&agentId=" + agent + "&status=expired")).containsExactly(expiring);
      assertThat(grantIds(token, "&connectionId=" + mail)).containsExactly(onMail, expiring, othersOnMail);
      assertThat(grantIds(token, "&connectionId=" + mail + "&status=active")).containsExactly(onMail, othersOnMail);
      assertThat(grantIds(token, "&agentId=" + agent + "&connectionId=" + mail)).containsExactly(onMail, expiring);
      assertThat(grantIds(token, "&agentId=" + agent + "&connectionId=" + mail + "&status=expired"))
          .containsExactly(expiring);
    }
    // An empty value counts as absent, as everywhere.
    assertThat(grantIds(auditor, "&agentId=" + agent + "&status=&connectionId=")).hasSize(4);

    List<String> all = grantIds(auditor, "");
    assertThat(all).contains(crm, onMail, revoked, expiring, othersOnMail).doesNotContain(theirs)
        .isSorted().doesNotHaveDuplicates();
    assertThat(grantIds(auditor, "&status=active")).contains(crm, onMail, othersOnMail)
        .doesNotContain(revoked, expiring, theirs);
    assertThat(pageThrough(auditor, "/api/v1/grants")).isEqualTo(all);
    assertThat(pageThrough(auditor, "/api/v1/grants?agentId=" + agent)).containsExactly(crm, onMail, revoked, expiring);
    assertThat(pageThrough(auditor, "/api/v1/grants?connectionId=" + mail + "&status=active"))
        .containsExactly(onMail, othersOnMail);
    assertThat(grantIds(adminB, "")).containsExactly(theirs);

    long before = chainLength();
    assertEachRefused(auditor, List.of(
        new Bad("GET", "/api/v1/grants?status=maybe", null, null, 422),
        new Bad("GET", "/api/v1/grants?status=ACTIVE", null, null, 422),
        new Bad("GET", "/api/v1/grants?agentId=" + agentB, null, null, 422),
        new Bad("GET", "/api/v1/grants?agentId=agt_00000000000000000000000000", null, null, 422),
        new Bad("GET", "/api/v1/grants?connectionId=" + connectionB, null, null, 422),
        new Bad("GET", "/api/v1/grants?agentId=" + agent + "&connectionId=" + connectionB, null, null, 422),
        new Bad("GET", "/api/v1/grants?cursor=garbage", null, null, 400),
        new Bad("GET", "/api/v1/grants?limit=0", null, null, 422),
        new Bad("GET", "/api/v1/grants?limit=ten", null, null, 400),
        new Bad("GET", "/api/v1/grants?scope=crm:read", null, null, 400),
        new Bad("GET", "/api/v1/grants?status=active&status=revoked", null, null, 400)));
    assertError(http.get(ingest, "/api/v1/grants"), 403);
    assertThat(http.get(auditor, "/api/v1/grants?agentId=" + agentB).text()).doesNotContain(theirs);
    assertThat(chainLength()).isEqualTo(before);
  }

  // --- auditors read every population and change nothing ---------------------------------

  /**
   * An auditor reads each population a control examines, and what an auditor checks beside
   * it (users, vendor reviews, access reviews, exceptions, keys), never a secret; every other
   * GET of the API is open to auditors too, but tokens and the index rebuild's progress.
   */
  @Test
  void auditorsReadEveryPopulationAndNoSecret() {
    String agent = newAgent("audited");
    String grant = newGrant(agent, connectionA);
    String secret = "auditor-canary-" + UUID.randomUUID();
    assertThat(http.send(adminA, "PUT", "/api/v1/connections/" + connectionA + "/credential",
        "{\"secret\":\"" + secret + "\"}", "application/json").status()).isEqualTo(204);
    String review = created(http.post(adminA, "/api/v1/vendors/" + vendorA + "/reviews", "{\"reviewedAt\":\""
        + ago(1) + "\",\"reviewer\":\"R\",\"outcome\":\"approved\"}")).get("id").asText();
    String accessReview = created(http.post(adminA, "/api/v1/access-reviews", "{\"agentId\":\"" + agent
        + "\",\"reviewerId\":\"" + approverA + "\",\"decision\":\"keep\"}")).get("id").asText();
    String incident = created(http.post(adminA, "/api/v1/incidents", incident("audited", ago(2)))).get("id").asText();
    String exception = created(http.post(adminA, "/api/v1/exceptions", exception("AC-1", grant, approverA)))
        .get("id").asText();

    Map<String, String> lists = new LinkedHashMap<>();
    lists.put("/api/v1/agents", agent);
    lists.put("/api/v1/agents/" + agent + "/grants", grant);
    lists.put("/api/v1/grants", grant);
    lists.put("/api/v1/vendors", vendorA);
    lists.put("/api/v1/vendors/" + vendorA + "/reviews", review);
    lists.put("/api/v1/connections", connectionA);
    lists.put("/api/v1/incidents", incident);
    lists.put("/api/v1/access-reviews", accessReview);
    lists.put("/api/v1/exceptions", exception);
    lists.put("/api/v1/users", approverA);
    List<String> answers = new ArrayList<>();
    lists.forEach((path, id) -> {
      Reply r = http.get(auditor, path + "?limit=1000");
      assertThat(r.status()).as(path + " " + r.text()).isEqualTo(200);
      assertThat(r.get("items").findValuesAsText("id")).as(path).contains(id);
      answers.add(r.text());
    });
    for (String path : List.of("/api/v1/agents/" + agent, "/api/v1/vendors/" + vendorA,
        "/api/v1/connections/" + connectionA, "/api/v1/incidents/" + incident, "/api/v1/users/" + approverA)) {
      Reply r = http.get(auditor, path);
      assertThat(r.status()).as(path + " " + r.text()).isEqualTo(200);
      assertThat(path).endsWith("/" + r.get("id").asText());
      answers.add(r.text());
    }
    Reply keys = http.get(auditor, "/api/v1/keys");
    assertThat(keys.status()).isEqualTo(200);
    assertThat(keys.get("items").findValuesAsText("keyId")).isNotEmpty();
    answers.add(keys.text());
    JsonNode credential = http.get(auditor, "/api/v1/connections/" + connectionA).get("credential");
    assertThat(credential.get("present").asBoolean()).isTrue();
    assertThat(credential.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("keyId", "storedAt",
        "present");
    assertThat(answers).allSatisfy(a -> assertThat(a).doesNotContain(secret).doesNotContainIgnoringCase("password")
        .doesNotContainIgnoringCase("argon").doesNotContainIgnoringCase("ciphertext")
        .doesNotContainIgnoringCase("keyValue").doesNotContainIgnoringCase("encryptedKeyset"));

    List<String> notForAuditors = Endpoints.of(server.resourceClasses()).stream()
        .filter(e -> e.method().equals("GET") && !roles(e).isEmpty() && !roles(e).contains(Roles.AUDITOR))
        .map(Endpoint::toString).toList();
    assertThat(notForAuditors).containsExactlyInAnyOrder("GET /api/v1/tokens", "GET /api/v1/evidence/reindex");
  }

  /**
   * Every write of the API, read from the resources the server registered (so one added later
   * is covered unedited), is 403 for an auditor, on the tenant's real objects with a plausible
   * body, and changes nothing stored.
   */
  @Test
  void anAuditorWritesNothingAnywhere() throws Exception {
    String agent = newAgent("write-target");
    KnownIds ids = new KnownIds();
    ids.add("agents", agent);
    ids.add("grants", newGrant(agent, connectionA));
    ids.add("vendors", vendorA);
    ids.add("connections", connectionA);
    ids.add("users", approverA);
    ids.add("controls", "AC-1");
    ids.add("incidents", created(http.post(adminA, "/api/v1/incidents", incident("kept", ago(2)))).get("id").asText());
    ids.add("exceptions", created(http.post(adminA, "/api/v1/exceptions", exception("AC-1", ids.of("grants").get(0),
        approverA))).get("id").asText());
    ids.add("tokens", created(http.post(adminA, "/api/v1/tokens", "{\"name\":\"kept\",\"role\":\"ingest\"}"))
        .get("id").asText());
    BodySeeds bodies = new BodySeeds(ids);
    Random random = new Random(17);
    List<Endpoint> writes = Endpoints.of(server.resourceClasses()).stream().filter(e -> !e.method().equals("GET"))
        .toList();
    assertThat(writes).hasSizeGreaterThan(25);
    try (StoredState state = new StoredState(server.connect())) {
      String before = state.read();
      long chain = chainLength();
      for (Endpoint e : writes) {
        StringBuilder path = new StringBuilder();
        String collection = null;
        for (Segment s : e.segments()) {
          String id = collection == null || ids.of(collection).isEmpty() ? "x" : ids.of(collection).get(0);
          path.append('/').append(s.isParam() ? id : s.literal());
          if (!s.isParam()) collection = s.literal();
        }
        String body = e.bodyType() == null ? null : bodies.of(e.bodyType(), random).toString();
        Reply r = http.send(auditor, e.method(), path.toString(), body, body == null ? null : "application/json");
        assertThat(r.status()).as(e + " as " + path + " -> " + r.text()).isEqualTo(403);
        assertError(r, 403);
      }
      assertThat(state.read()).isEqualTo(before);
      assertThat(chainLength()).isEqualTo(chain);
    }
  }

  /** The roles that may call {@code e}; none when anyone may (the OpenAPI description). */
  private static List<String> roles(Endpoint e) {
    RolesAllowed r = e.handler().getAnnotation(RolesAllowed.class);
    if (r == null) r = e.handler().getDeclaringClass().getAnnotation(RolesAllowed.class);
    return r == null ? List.of() : List.of(r.value());
  }

  // --- tenancy and roles ------------------------------------------------------------------

  @Test
  void anotherTenantsObjectsAre404() {
    long before = chainLength();
    assertError(http.get(adminA, "/api/v1/vendors/" + vendorB), 404);
    assertError(http.patch(adminA, "/api/v1/vendors/" + vendorB, "{\"status\":\"inactive\"}"), 404);
    assertError(http.post(adminA, "/api/v1/vendors/" + vendorB + "/reviews", "{\"reviewedAt\":\"" + ago(1)
        + "\",\"reviewer\":\"R\",\"outcome\":\"approved\"}"), 404);
    assertError(http.get(adminA, "/api/v1/vendors/" + vendorB + "/reviews"), 404);
    assertError(http.get(adminA, "/api/v1/connections/" + connectionB), 404);
    assertError(http.send(adminA, "PUT", "/api/v1/connections/" + connectionB + "/credential",
        "{\"secret\":\"x\"}", "application/json"), 404);
    assertError(http.get(adminA, "/api/v1/agents/" + agentB + "/grants"), 404);
    assertError(http.post(adminA, "/api/v1/agents/" + agentB + "/grants", grantBody(connectionA, "[\"crm:read\"]", null)), 404);
    assertError(http.delete(adminA, "/api/v1/agents/" + agentB + "/grants/gra_00000000000000000000000000"), 404);
    assertError(http.get(adminA, "/api/v1/incidents/" + incidentB), 404);
    assertError(http.patch(adminA, "/api/v1/incidents/" + incidentB, "{\"containedAt\":\"" + ago(1) + "\"}"), 404);
    assertError(http.patch(adminA, "/api/v1/incidents/" + incidentB, "{\"severity\":\"sev1\"}"), 404);
    assertError(http.patch(adminA, "/api/v1/connections/" + connectionB, "{\"name\":\"mine\"}"), 404);
    assertError(http.post(adminA, "/api/v1/connections/" + connectionB + "/retire", null), 404);
    assertError(http.delete(adminA, "/api/v1/connections/" + connectionB + "/credential"), 404);
    assertError(http.patch(adminA, "/api/v1/agents/" + agentB, "{\"ownerId\":\"" + ownerA + "\"}"), 404);
    assertError(http.post(adminA, "/api/v1/exceptions/" + exceptionB + "/revoke", "{\"revokedBy\":\"" + approverA
        + "\"}"), 404);
    assertError(http.post(adminA, "/api/v1/exceptions/exc_00000000000000000000000000/revoke", "{\"revokedBy\":\""
        + approverA + "\"}"), 404);
    assertError(http.post(adminA, "/api/v1/access-reviews", "{\"agentId\":\"" + agentB + "\",\"reviewerId\":\""
        + approverA + "\",\"decision\":\"revoke\"}"), 422);
    assertThat(http.get(adminA, "/api/v1/vendors?limit=1000").text()).doesNotContain(vendorB);
    assertThat(http.get(adminA, "/api/v1/connections?limit=1000").text()).doesNotContain(connectionB);
    assertThat(http.get(adminA, "/api/v1/incidents?limit=1000").text()).doesNotContain(incidentB);
    assertThat(chainLength()).isEqualTo(before);
    assertThat(http.get(adminB, "/api/v1/connections/" + connectionB).get("status").asText()).isEqualTo("active");
    assertThat(http.get(adminB, "/api/v1/exceptions").get("items").get(0).get("revokedAt").isNull()).isTrue();
  }

  @Test
  void rolesThatMayNotActGet403() {
    String agent = newAgent("roles");
    long before = chainLength();
    for (String token : List.of(compliance, auditor, ingest)) {
      assertError(http.post(token, "/api/v1/vendors", vendor("V", "low")), 403);
      assertError(http.patch(token, "/api/v1/vendors/" + vendorA, "{\"status\":\"inactive\"}"), 403);
      assertError(http.post(token, "/api/v1/vendors/" + vendorA + "/reviews", "{}"), 403);
      assertError(http.post(token, "/api/v1/connections", connection("C", vendorA, "https://c.example")), 403);
      assertError(http.send(token, "PUT", "/api/v1/connections/" + connectionA + "/credential",
          "{\"secret\":\"x\"}", "application/json"), 403);
      assertError(http.post(token, "/api/v1/keys/rotate", null), 403);
      assertError(http.post(token, "/api/v1/keys/reencrypt", null), 403);
      assertError(http.post(token, "/api/v1/agents/" + agent + "/grants", grantBody(connectionA, "[\"crm:read\"]", null)), 403);
      assertError(http.post(token, "/api/v1/access-reviews", "{}"), 403);
      assertError(http.post(token, "/api/v1/exceptions", "{}"), 403);
      assertError(http.post(token, "/api/v1/incidents", incident("x", ago(1))), 403);
      assertError(http.patch(token, "/api/v1/incidents/" + incidentB, "{\"severity\":\"sev1\"}"), 403);
      assertError(http.patch(token, "/api/v1/connections/" + connectionA, "{\"name\":\"x\"}"), 403);
      assertError(http.post(token, "/api/v1/connections/" + connectionA + "/retire", null), 403);
      assertError(http.delete(token, "/api/v1/connections/" + connectionA + "/credential"), 403);
      assertError(http.patch(token, "/api/v1/agents/" + agent, "{\"ownerId\":\"" + approverA + "\"}"), 403);
    }
    for (String token : List.of(auditor, ingest)) {
      assertError(http.post(token, "/api/v1/exceptions/exc_00000000000000000000000000/revoke",
          "{\"revokedBy\":\"" + approverA + "\"}"), 403);
    }
    for (String path : List.of("/api/v1/vendors", "/api/v1/connections", "/api/v1/keys", "/api/v1/incidents",
        "/api/v1/access-reviews", "/api/v1/agents/" + agent + "/grants", "/api/v1/grants")) {
      assertError(http.get(ingest, path), 403);
      assertThat(http.get(auditor, path).status()).as(path).isEqualTo(200);
    }
    assertError(http.get(ingest, "/api/v1/exceptions"), 403);
    assertThat(http.get(compliance, "/api/v1/connections").status()).isEqualTo(200);
    assertThat(chainLength()).isEqualTo(before);
  }
}
