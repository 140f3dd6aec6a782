package dev.vigil.controls.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.model.Grant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantCoverageTest {

  static final Instant GRANTED = Instant.parse("2026-11-20T09:00:00Z");
  static final Instant REVOKED = Instant.parse("2026-11-22T09:00:00Z");

  static Grant grant(String id, List<String> scopes, Instant grantedAt, Instant expiresAt, Instant revokedAt) {
    return new Grant("t", id, "agt_1", "con_1", scopes, "why", "usr_1", "usr_2", grantedAt, expiresAt, revokedAt);
  }

  @Test
  void anActionIsJudgedByTheGrantsInForceAtItsMoment() {
    Grant revoked = grant("g1", List.of("crm:read"), GRANTED, null, REVOKED);
    assertThat(GrantCoverage.covering(List.of(revoked), "crm:read", REVOKED.minusMillis(1))).contains(revoked);
    assertThat(GrantCoverage.covering(List.of(revoked), "crm:read", REVOKED)).isEmpty();
    assertThat(GrantCoverage.covering(List.of(revoked), "crm:read", GRANTED.minusMillis(1))).isEmpty();
    assertThat(GrantCoverage.covering(List.of(revoked), "crm:read", GRANTED)).contains(revoked);
  }

  @Test
  void expiryIsExclusiveAndScopesMustAllowTheAction() {
    Instant expires = GRANTED.plus(Duration.ofDays(1));
    Grant g = grant("g1", List.of("crm:*"), GRANTED, expires, null);
    assertThat(GrantCoverage.covering(List.of(g), "crm:write", expires.minusMillis(1))).contains(g);
    assertThat(GrantCoverage.covering(List.of(g), "crm:write", expires)).isEmpty();
    assertThat(GrantCoverage.covering(List.of(g), "mail:send", GRANTED)).isEmpty();
  }

  @Test
  void theOldestCoveringGrantIsNamed() {
    Grant newer = grant("g2", List.of("*"), GRANTED.plusSeconds(60), null, null);
    Grant older = grant("g9", List.of("crm:read"), GRANTED, null, null);
    assertThat(GrantCoverage.covering(List.of(newer, older), "crm:read", REVOKED)).contains(older);
  }
}
