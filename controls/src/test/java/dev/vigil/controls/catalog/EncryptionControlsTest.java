package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Given.MS;
import static dev.vigil.controls.catalog.Given.daysAgo;
import static dev.vigil.controls.catalog.Given.notApplicable;
import static dev.vigil.controls.catalog.Given.onlyDetail;
import static dev.vigil.controls.catalog.Given.run;
import static dev.vigil.controls.catalog.Given.snapshot;
import static dev.vigil.controls.catalog.Given.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.TenantKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncryptionControlsTest {

  static Facts.CredentialCheck ok(String connectionId) {
    return new Facts.CredentialCheck(connectionId, "key_1", true, null);
  }

  static TenantKey key(String id, Instant createdAt, boolean primary, Instant retiredAt) {
    return new TenantKey("ten_1", id, createdAt, primary, retiredAt);
  }

  static Connection connection(String id, String endpoint) {
    return new Connection("ten_1", id, "CRM", "salesforce", "ven_1", endpoint, daysAgo(10), null);
  }

  // EN-1

  @Test
  void en1PassesWhenEveryCredentialDecrypts() {
    Evaluation e = run("EN-1", snapshot().credentials(List.of(ok("con_1"), ok("con_2"))));
    assertThat(e.population()).isEqualTo(2);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void en1NamesEachCredentialThatDoesNotDecryptAndWhy() {
    Evaluation e = run("EN-1", snapshot().credentials(List.of(ok("con_1"),
        new Facts.CredentialCheck("con_3", "key_2", false, "decryption failed under the tenant's keyset"),
        new Facts.CredentialCheck("con_2", null, false, "stored in clear"))));
    assertThat(e.population()).isEqualTo(3);
    assertThat(subjects(e)).containsExactly("con_2", "con_3");
    assertThat(e.exceptions().get(0).detail()).isEqualTo("the credential of connection con_2 (no key) does not decrypt: stored in clear");
    assertThat(e.exceptions().get(1).detail())
        .isEqualTo("the credential of connection con_3 (key key_2) does not decrypt: decryption failed under the tenant's keyset");
  }

  // EN-2

  @Test
  void en2PrimaryKeyExactly365DaysOldPassesAndAMillisecondOlderFails() {
    assertThat(run("EN-2", keys(key("key_1", daysAgo(365), true, null))).passed()).isTrue();
    Evaluation e = run("EN-2", keys(key("key_1", daysAgo(365).minus(MS), true, null)));
    assertThat(e.population()).isEqualTo(1);
    assertThat(onlyDetail(e, "key_1")).isEqualTo(
        "primary key key_1 was created 2025-11-26T11:59:59.999Z, 365 days 1ms before the run; limit 365 days");
  }

  @Test
  void en2ExaminesOnlyTheUnretiredPrimary() {
    Evaluation e = run("EN-2", keys(
        key("key_old", daysAgo(900), false, daysAgo(10)),
        key("key_older", daysAgo(1200), false, null),
        key("key_retired_primary", daysAgo(800), true, daysAgo(1)),
        key("key_new", daysAgo(10), true, null)));
    assertThat(e.population()).isEqualTo(1);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void en2WithoutAKeysetOrAStoredCredentialIsNotApplicable() {
    Evaluation e = run("EN-2", keys());
    assertThat(e.population()).isZero();
    assertThat(e.passed()).isTrue();
    assertThat(notApplicable("EN-2", e)).isTrue();
  }

  @Test
  void en2WithoutAKeysetWhileCredentialsAreStoredFails() {
    Evaluation e = run("EN-2", keys().credentials(List.of(ok("con_1"), ok("con_2"))));
    assertThat(e.population()).isZero();
    assertThat(onlyDetail(e, "keyset")).isEqualTo("the tenant has no primary key, yet 2 connections hold a stored"
        + " credential");
    assertThat(notApplicable("EN-2", e)).isFalse();
    assertThat(onlyDetail(run("EN-2", keys().credentials(List.of(ok("con_1")))), "keyset"))
        .contains("yet 1 connection holds a stored credential");
  }

  @Test
  void en2WithAKeysetAndNoCredentialStillJudgesItsPrimaryKey() {
    Evaluation e = run("EN-2", keys(key("key_1", daysAgo(400), true, null)));
    assertThat(subjects(e)).containsExactly("key_1");
    assertThat(notApplicable("EN-2", run("EN-2", keys(key("key_1", daysAgo(1), true, null))))).isFalse();
  }

  /** A snapshot of EN-2's facts: these keys, and no stored credential. */
  static Snapshot.Builder keys(TenantKey... keys) {
    return snapshot().keys(List.of(keys)).credentials(List.of());
  }

  // EN-3

  @ParameterizedTest(name = "{0} passes")
  @CsvSource({"https://crm.example.com/api", "wss://events.example.com/ws", "HTTPS://crm.example.com",
      "Wss://mcp.example.com:8443/sse"})
  void en3PassesTls(String endpoint) {
    Evaluation e = run("EN-3", snapshot().connections(List.of(connection("con_1", endpoint))));
    assertThat(e.population()).isEqualTo(1);
    assertThat(e.passed()).isTrue();
  }

  @ParameterizedTest(name = "{0} fails: {1}")
  @CsvSource(delimiter = '|', value = {
      "http://crm.example.com | has an endpoint using http, not https or wss",
      "ws://events.example.com | has an endpoint using ws, not https or wss",
      "HTTP://crm.example.com | has an endpoint using http, not https or wss",
      "ftp://files.example.com | has an endpoint using ftp, not https or wss",
      "crm.example.com/api | has an endpoint without a scheme; expected https or wss",
      "https://crm example.com | has an endpoint that is not a valid URI",
      "'' | has no endpoint"})
  void en3FailsEverythingElse(String endpoint, String problem) {
    Evaluation e = run("EN-3", snapshot().connections(List.of(connection("con_1", endpoint))));
    assertThat(onlyDetail(e, "con_1")).isEqualTo("connection con_1 " + problem);
  }

  @Test
  void en3NeverRepeatsTheEndpointWhichMayCarryASecret() {
    Evaluation e = run("EN-3", snapshot().connections(List.of(
        connection("con_2", "http://bot:s3cret@crm.example.com/?token=abc123"),
        connection("con_1", "https://crm.example.com"),
        connection("con_3", null))));
    assertThat(e.population()).isEqualTo(3);
    assertThat(subjects(e)).containsExactly("con_2", "con_3");
    assertThat(e.exceptions().get(0).detail()).doesNotContain("s3cret", "abc123", "bot").contains("http");
  }
}
