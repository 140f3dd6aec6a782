package dev.vigil.controls.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Grant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example of this package's documentation; the package doc copies its lines verbatim. */
class DecisionExampleTest {

  @Test
  void aGrantedScopeAllowsAndAnythingElseIsDeniedWithAReason() {
    Instant now = Instant.parse("2026-11-24T15:00:00Z");
    Agent agent = new Agent("ten_1", "agt_1", "mailer", "usr_1", null, AgentStatus.ACTIVE, now, now);
    Grant grant = new Grant("ten_1", "gra_1", "agt_1", "con_1", List.of("crm:read", "mail:*"),
        "answers support mail", "usr_1", "usr_2", now.minusSeconds(3600), null, null);

    Decision read = Authorizer.decide(Optional.of(agent), true, List.of(grant), "crm:read", now);
    Decision send = Authorizer.decide(Optional.of(agent), true, List.of(grant), "mail:send", now);
    Decision delete = Authorizer.decide(Optional.of(agent), true, List.of(grant), "crm:delete", now);

    assertThat(read).isEqualTo(new Decision(true, "allowed by grant gra_1 (scope crm:read)", "gra_1"));
    assertThat(send).isEqualTo(new Decision(true, "allowed by grant gra_1 (scope mail:*)", "gra_1"));
    assertThat(delete).isEqualTo(new Decision(false, "no scope of an active grant allows crm:delete", null));
  }
}
