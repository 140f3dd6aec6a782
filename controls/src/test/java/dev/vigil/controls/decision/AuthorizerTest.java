package dev.vigil.controls.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Grant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

  static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

  static Agent agent(AgentStatus status) {
    return new Agent("t", "agt_1", "mailer", "usr_1", null, status, NOW, NOW);
  }

  static Grant grant(String id, List<String> scopes, Instant expiresAt, Instant revokedAt) {
    return new Grant("t", id, "agt_1", "con_1", scopes, "why", "usr_1", "usr_2",
        NOW.minus(Duration.ofDays(1)), expiresAt, revokedAt);
  }

  static Decision decide(AgentStatus status, boolean connection, List<Grant> grants, String action) {
    return Authorizer.decide(Optional.of(agent(status)), connection, grants, action, NOW);
  }

  @Test
  void exactAndWildcardScopesAllowAndNameTheGrant() {
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(grant("g1", List.of("crm:read"), null, null)), "crm:read"))
        .isEqualTo(Decision.allow("g1", "crm:read"));
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(grant("g1", List.of("crm:*"), null, null)), "crm:delete").grantId())
        .isEqualTo("g1");
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(grant("g1", List.of("*"), null, null)), "mail:send").allowed())
        .isTrue();
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(grant("g1", List.of("admin"), null, null)), "crm:read").allowed())
        .isFalse();
  }

  @Test
  void eachDenyReasonIsPlain() {
    Grant ok = grant("g1", List.of("crm:read"), null, null);
    assertThat(Authorizer.decide(Optional.empty(), true, List.of(ok), "crm:read", NOW).reason()).isEqualTo("unknown agent");
    assertThat(decide(AgentStatus.SUSPENDED, true, List.of(ok), "crm:read").reason()).isEqualTo("agent is suspended");
    assertThat(decide(AgentStatus.RETIRED, true, List.of(ok), "crm:read").reason()).isEqualTo("agent is retired");
    assertThat(decide(AgentStatus.ACTIVE, false, List.of(), "crm:read").reason()).isEqualTo("unknown connection");
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(), "crm:read").reason()).isEqualTo("no grant on this connection");
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(grant("g1", List.of("crm:read"), null, NOW.minusSeconds(1))),
        "crm:read").reason()).isEqualTo("grant revoked");
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(grant("g1", List.of("crm:read"), NOW.minusSeconds(1), null)),
        "crm:read").reason()).isEqualTo("grant expired");
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(ok), "crm:write").reason())
        .isEqualTo("no scope of an active grant allows crm:write");
  }

  @Test
  void aGrantExpiresExactlyAtItsExpiry() {
    Grant g = grant("g1", List.of("crm:read"), NOW.plusMillis(1), null);
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(g), "crm:read").allowed()).isTrue();
    Grant atBoundary = grant("g1", List.of("crm:read"), NOW, null);
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(atBoundary), "crm:read").reason()).isEqualTo("grant expired");
  }

  @Test
  void theOldestAllowingGrantIsNamedSoAnswersAreStable() {
    Grant newer = new Grant("t", "g2", "agt_1", "con_1", List.of("crm:*"), "why", "u", "v", NOW.minusSeconds(10), null, null);
    Grant older = grant("g1", List.of("crm:read"), null, null);
    assertThat(decide(AgentStatus.ACTIVE, true, List.of(newer, older), "crm:read").grantId()).isEqualTo("g1");
  }
}
