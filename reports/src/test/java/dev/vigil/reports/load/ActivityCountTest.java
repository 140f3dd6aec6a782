package dev.vigil.reports.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The period's decisions and actions counted from the data text as the chain streams past. */
class ActivityCountTest {

  private static AuditLog.StoredEntry entry(String kind, String data) {
    return new AuditLog.StoredEntry(new AuditEntry(1, "ten_1", Instant.EPOCH, new Actor("agent", "agt_1"), kind, "agt_1",
        JsonNodeFactory.instance.objectNode(), "00"), data);
  }

  @Test
  void aNestedKeyOrAnEscapedValueIsReadByParsingNotByTheFirstMatch() {
    ActivityCount count = new ActivityCount();
    // sorted keys: "attributes" (with its own "outcome") comes before the entry's own outcome
    count.accept(entry("event", "{\"action\":\"send\",\"attributes\":{\"outcome\":\"failure\"},"
        + "\"outcome\":\"success\",\"resource\":\"r\"}"));
    count.accept(entry("event", "{\"action\":\"send\",\"outcome\":\"odd\\\"value\",\"resource\":\"r\"}"));
    count.accept(entry("decision", "{\"attributes\":{\"decision\":\"deny\"},\"decision\":\"allow\"}"));

    assertThat(count.result().actionsByOutcome())
        .isEqualTo(Map.of("success", 1L, "failure", 0L, "denied", 0L, "odd\"value", 1L));
    assertThat(count.result().decisionsAllowed()).isEqualTo(1);
    assertThat(count.result().decisionsDenied()).isZero();
  }

  @Test
  void eachOutcomeAndDecisionIsCountedAndOtherKindsAreNot() {
    ActivityCount count = new ActivityCount();
    count.accept(entry("event", "{\"action\":\"a\",\"outcome\":\"denied\",\"resource\":\"r\"}"));
    count.accept(entry("event", "{\"action\":\"a\",\"outcome\":\"denied\",\"resource\":\"r\"}"));
    count.accept(entry("decision", "{\"decision\":\"deny\"}"));
    count.accept(entry("control.run", "{\"decision\":\"allow\",\"outcome\":\"success\"}"));

    assertThat(count.result().actionsByOutcome()).isEqualTo(Map.of("success", 0L, "failure", 0L, "denied", 2L));
    assertThat(count.result().decisionsAllowed()).isZero();
    assertThat(count.result().decisionsDenied()).isEqualTo(1);
  }
}
