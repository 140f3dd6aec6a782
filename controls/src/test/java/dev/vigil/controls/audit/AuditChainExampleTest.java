package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example of this package's documentation, on the worked example of docs/audit-format.md:
 * the package doc copies its lines verbatim ({@code PackageDocExamplesTest} checks), and the
 * assertions pin the hashes that document prints.
 */
class AuditChainExampleTest {

  private static final String TENANT = "ten_01jf3x0000000000000000000a";

  @Test
  void theWorkedExampleChainsAndVerifies() {
    AuditEntry first = new AuditEntry(1, TENANT, Instant.parse("2026-11-26T10:15:30.123Z"),
        new Actor("cli", "tenant-create"), "tenant.created", TENANT, data("name", "Acme Robotics"), null);
    AuditEntry second = new AuditEntry(2, TENANT, Instant.parse("2026-11-26T10:16:00Z"),
        new Actor("token", "tok_01jf3x0000000000000000000c"), "agent.created", "agt_01jf3x0000000000000000000d",
        data("name", "support-triage").put("ownerId", "usr_01jf3x0000000000000000000b")
            .put("description", "Reads the support inbox \u2014 drafts replies").put("status", "active"),
        null);

    String hash1 = AuditChain.nextHash(AuditChain.GENESIS_HEX, first);
    String hash2 = AuditChain.nextHash(hash1, second);
    List<AuditEntry> chain = List.of(first.withHash(hash1), second.withHash(hash2));
    ChainVerification v = ChainVerifier.verify(TENANT, AuditChain.GENESIS_HEX, 1, chain);

    assertThat(hash1).isEqualTo("ac851a227252d3fc35affae99f0bb230f291a6e4efbb9d28bc3f54a680c69721");
    assertThat(hash2).isEqualTo("78f6c84b322e8adf85e86f249228b40bb403f1f3f26c6459a0fd3050f992dfeb");
    assertThat(AuditChain.canonicalBytes(second)).hasSize(369);
    assertThat(v.intact()).isTrue();
    assertThat(v.checked()).isEqualTo(2);
    assertThat(v.headHash()).isEqualTo(hash2);
  }

  @Test
  void anAlteredEntryIsNamed() {
    AuditEntry entry = new AuditEntry(1, TENANT, Instant.parse("2026-11-26T10:15:30.123Z"),
        new Actor("cli", "tenant-create"), "tenant.created", TENANT, data("name", "Acme Robotics"), null);
    AuditEntry stored = entry.withHash(AuditChain.nextHash(AuditChain.GENESIS_HEX, entry));

    AuditEntry altered = new AuditEntry(1, TENANT, stored.time(), stored.actor(), stored.kind(),
        stored.subject(), data("name", "Acme Robotics Ltd"), stored.hash());
    ChainVerification v = ChainVerifier.verify(TENANT, AuditChain.GENESIS_HEX, 1, List.of(altered));

    assertThat(v.intact()).isFalse();
    assertThat(v.firstBreak().orElseThrow().seq()).isEqualTo(1);
    assertThat(v.firstBreak().orElseThrow().reason())
        .startsWith("recorded hash ac851a227252d3fc35affae99f0bb230f291a6e4efbb9d28bc3f54a680c69721 does not match");
  }

  private static ObjectNode data(String name, String value) {
    return JsonNodeFactory.instance.objectNode().put(name, value);
  }
}
