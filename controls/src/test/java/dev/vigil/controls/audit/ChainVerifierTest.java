package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  private static final String TENANT = "ten_1";
  private static final Instant T0 = Instant.parse("2026-11-26T10:15:30.123456Z");

  /** A well-formed chain of {@code n} entries. */
  static List<AuditEntry> chain(int n) {
    List<AuditEntry> out = new ArrayList<>();
    String prev = AuditChain.GENESIS_HEX;
    for (int i = 1; i <= n; i++) {
      ObjectNode data = JsonNodeFactory.instance.objectNode().put("name", "agent " + i).put("n", i);
      AuditEntry e = new AuditEntry(i, TENANT, T0.plusSeconds(i), new Actor("token", "tok_a"),
          "agent.created", "agt_" + i, data, null);
      prev = AuditChain.nextHash(prev, e);
      out.add(e.withHash(prev));
    }
    return out;
  }

  private static ChainVerification verify(List<AuditEntry> entries) {
    return ChainVerifier.verify(TENANT, AuditChain.GENESIS_HEX, 1, entries);
  }

  @Test
  void anEntryTimedBeforeItsPredecessorIsABreakEvenWhenEveryHashIsRight() {
    // Re-hashed after the times were swapped, as whoever controls the database could.
    List<AuditEntry> entries = new ArrayList<>();
    String prev = AuditChain.GENESIS_HEX;
    for (AuditEntry e : chain(3)) {
      Instant time = e.seq() == 2 ? T0 : e.seq() == 3 ? T0.plusSeconds(2) : e.time();
      AuditEntry moved = new AuditEntry(e.seq(), TENANT, time, e.actor(), e.kind(), e.subject(), e.data(), null);
      prev = AuditChain.nextHash(prev, moved);
      entries.add(moved.withHash(prev));
    }

    ChainVerification v = verify(entries);

    assertThat(v.breaks()).extracting(ChainBreak::seq).containsExactly(2L);
    assertThat(v.breaks().get(0).reason()).contains("is earlier than the previous entry's");
  }

  @Test
  void anIntactChainVerifiesAndReportsItsHead() {
    List<AuditEntry> entries = chain(5);
    ChainVerification v = verify(entries);
    assertThat(v.intact()).isTrue();
    assertThat(v.checked()).isEqualTo(5);
    assertThat(v.headHash()).isEqualTo(entries.get(4).hash());
  }

  @Test
  void theHashRuleIsShaOfPreviousHashThenCanonicalBytes() throws Exception {
    AuditEntry first = chain(1).get(0);
    var sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update(new byte[32]);
    sha.update(AuditChain.canonicalBytes(first));
    assertThat(first.hash()).isEqualTo(java.util.HexFormat.of().formatHex(sha.digest()));
    assertThat(new String(AuditChain.canonicalBytes(first), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"actor\":{\"id\":\"tok_a\",\"type\":\"token\"},\"data\":{\"n\":1,\"name\":\"agent 1\"},"
            + "\"kind\":\"agent.created\",\"seq\":1,\"subject\":\"agt_1\",\"tenantId\":\"ten_1\","
            + "\"time\":\"2026-11-26T10:15:31.123Z\"}");
  }

  @Test
  void theAssembledCanonicalFormEqualsTheGenericOne() {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("q", "\"quoted\"\n\u00e9").put("n", -3);
    data.putObject("nested").put("z", true).putNull("a");
    AuditEntry e = new AuditEntry(42, "ten_\u20ac", T0, new Actor("to\"ken", "id\\1"), "k\u0001ind",
        "sub\ud83d\ude00ject", data, null);
    assertThat(AuditChain.canonicalBytes(e, CanonicalJson.string(data))).isEqualTo(AuditChain.canonicalBytes(e));
  }

  @Test
  void aPreparedEntryHashesAsTheEntryItself() {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("q", "\"quoted\"\n\u00e9").put("n", -3);
    AuditEntry e = new AuditEntry(1_000_042, "ten_\u20ac", T0, new Actor("to\"ken", "id\\1"), "k\u0001ind",
        "sub\ud83d\ude00ject", data, null);
    String previous = AuditChain.nextHash(AuditChain.GENESIS_HEX, e);
    AuditChain.Prepared prepared = AuditChain.prepare(e.actor(), e.kind(), e.subject(), CanonicalJson.string(data));
    byte[] hash = AuditChain.hash(Sha256.digest(), HexFormat.of().parseHex(previous), prepared, e.seq(),
        AuditChain.tail(e.tenantId(), e.time()));
    assertThat(HexFormat.of().formatHex(hash)).isEqualTo(AuditChain.nextHash(previous, e));
  }

  @Test
  void anAlteredEntryIsNamed() {
    List<AuditEntry> entries = new ArrayList<>(chain(5));
    AuditEntry e = entries.get(2);
    ObjectNode changed = e.data().deepCopy().put("name", "someone else");
    entries.set(2, new AuditEntry(e.seq(), e.tenantId(), e.time(), e.actor(), e.kind(), e.subject(),
        changed, e.hash()));
    ChainVerification v = verify(entries);
    assertThat(v.breaks()).extracting(ChainBreak::seq).containsExactly(3L);
    assertThat(v.firstBreak().orElseThrow().reason()).contains("does not match");
  }

  @Test
  void aDeletedEntryIsNamedAsAGap() {
    List<AuditEntry> entries = new ArrayList<>(chain(5));
    entries.remove(1);
    ChainVerification v = verify(entries);
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBreak().orElseThrow().reason()).contains("expected seq 2 but found 3");
  }

  @Test
  void reorderedEntriesAreNamed() {
    List<AuditEntry> entries = new ArrayList<>(chain(5));
    entries.set(1, chain(5).get(2));
    entries.set(2, chain(5).get(1));
    assertThat(verify(entries).firstBreak().orElseThrow().seq()).isEqualTo(3L);
  }

  @Test
  void anEntryFromAnotherTenantIsNamed() {
    List<AuditEntry> entries = new ArrayList<>(chain(2));
    AuditEntry e = entries.get(1);
    entries.set(1, new AuditEntry(e.seq(), "ten_other", e.time(), e.actor(), e.kind(), e.subject(),
        e.data(), e.hash()));
    assertThat(verify(entries).breaks()).extracting(ChainBreak::reason)
        .anyMatch(r -> r.contains("ten_other"));
  }

  @Test
  void aRunInTheMiddleVerifiesFromItsPredecessor() {
    List<AuditEntry> entries = chain(6);
    ChainVerification v = ChainVerifier.verify(TENANT, entries.get(2).hash(), 4, entries.subList(3, 6));
    assertThat(v.intact()).isTrue();
    assertThat(ChainVerifier.verify(TENANT, AuditChain.GENESIS_HEX, 4, entries.subList(3, 6)).intact())
        .isFalse();
  }
}
