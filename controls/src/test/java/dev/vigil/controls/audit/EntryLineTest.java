package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a line of entries.jsonl may be: exactly the served form, and nothing a verifier could read two ways. */
class EntryLineTest {

  private static final String GOOD = "{\"seq\":1,\"tenantId\":\"ten_1\",\"time\":\"2026-11-26T10:15:30.123Z\","
      + "\"actor\":{\"type\":\"cli\",\"id\":\"x\"},\"kind\":\"k\",\"subject\":\"s\",\"data\":{\"n\":%s},\"hash\":\"%s\"}";

  @Test
  void aRepeatedMemberNameIsRefused() {
    String line = String.format(GOOD, "1", "00").replace("\"kind\":\"k\"", "\"kind\":\"k\",\"kind\":\"other\"");
    assertThatThrownBy(() -> BundleVerifier.entryLine(line)).hasMessageContaining("Duplicate field 'kind'");
  }

  @Test
  void anExtraMemberIsRefused() {
    String line = String.format(GOOD, "1", "00").replace("\"kind\":\"k\"", "\"kind\":\"k\",\"note\":\"unsigned\"");
    assertThatThrownBy(() -> BundleVerifier.entryLine(line)).hasMessageContaining("exactly the members");
  }

  @Test
  void numbersThatAreNotPlainIntegersAreRefused() {
    assertThatThrownBy(() -> BundleVerifier.entryLine(String.format(GOOD, "1.0", "00"))).hasMessageContaining("1.0");
    assertThatThrownBy(() -> BundleVerifier.entryLine(String.format(GOOD, "1e3", "00"))).hasMessageContaining("not an integer");
    assertThatThrownBy(() -> BundleVerifier.entryLine(String.format(GOOD, "9007199254740993", "00")))
        .hasMessageContaining("not an integer within +-2^53");
    assertThatThrownBy(() -> BundleVerifier.entryLine(String.format(GOOD, "1", "00").replace("\"seq\":1", "\"seq\":1.0")))
        .hasMessageContaining("seq is not an integer");
  }

  @Test
  void theServedFormIsRead() throws Exception {
    AuditEntry e = BundleVerifier.entryLine(String.format(GOOD, "-9007199254740992", "ab"));
    assertThat(e.seq()).isEqualTo(1);
    assertThat(e.data().get("n").asLong()).isEqualTo(-9007199254740992L);
  }
}
