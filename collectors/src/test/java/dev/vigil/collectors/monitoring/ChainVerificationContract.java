package dev.vigil.collectors.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.PendingEntry;
import dev.vigil.collectors.verification.ChainCheck;
import dev.vigil.collectors.verification.RollingVerifier;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.catalog.LoggingControls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LG-1's rolling verification on a long chain: a sweep an hour, the whole chain re-verified
 * within {@link #BOUND_HOURS} hours, slices as small as that allows (the service's minimum
 * slice would re-verify a chain this short whole every sweep).
 */
abstract class ChainVerificationContract extends MonitoringFixture {

  static final Duration SWEEP = Duration.ofHours(1);
  static final int BOUND_HOURS = 4;
  static final int FILLER = 3_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  Catalog bounded;
  ControlRunner lg1;

  @BeforeEach
  void rollingLoader() {
    bounded = new Catalog(ControlParameters.defaults().with(LoggingControls.FULL_VERIFICATION_HOURS, BOUND_HOURS));
    lg1 = node();
    fill(FILLER);
  }

  /** A runner as a freshly started node has it: its own loader and verifier, nothing in memory. */
  ControlRunner node() {
    SnapshotLoader loader = new SnapshotLoader(jdbi, stores.connections(), verifier(), publicKey(),
        bounded.parameters(), Map.of(Family.LOGGING, SWEEP));
    return new ControlRunner(loader, new RunRecorder(jdbi, stores.audit(), stores.ids()), (c, o) -> { }, clock);
  }

  RollingVerifier verifier() {
    return new RollingVerifier(jdbi, stores.auditLog(), 1);
  }

  byte[] publicKey() {
    return CheckpointSigner.loadOrCreate(jdbi, stores.master(), clock).publicKey();
  }

  @Test
  void anEditToTheFirstEntryOfALongChainIsCaughtWithinTheBoundAndKeepsFailing() {
    RunRecorder.Outcome first = sweep(lg1);
    assertThat(first.run().result()).isEqualTo(RunResult.PASS);
    assertThat(scope(first)).first().asString().startsWith("No verification was on record: verified the whole chain");
    RunRecorder.Outcome startOfPass = sweep(lg1);
    assertThat(scope(startOfPass)).anyMatch(s -> s.startsWith("Re-verified entries 1 to "));

    // The pass has just re-verified entry 1: the edit waits for the next pass.
    Instant edited = clock.instant();
    edit(1);
    List<RunRecorder.Outcome> sweeps = new ArrayList<>();
    RunRecorder.Outcome caught = null;
    while (caught == null && sweeps.size() < 2 * BOUND_HOURS) {
      RunRecorder.Outcome o = sweep(lg1);
      sweeps.add(o);
      if (o.run().result() == RunResult.FAIL) caught = o;
    }
    assertThat(caught).as("caught within %s sweeps", 2 * BOUND_HOURS).isNotNull();
    assertThat(Duration.between(edited, caught.run().startedAt())).as("within the bound")
        .isLessThanOrEqualTo(Duration.ofHours(BOUND_HOURS));
    assertThat(sweeps).as("the rest of the pass, then the next pass's first slice").hasSize(BOUND_HOURS);
    assertThat(caught.run().exceptions()).extracting(Deviation::subjectId).containsExactly("entry 1");
    assertThat(caught.run().exceptions().get(0).detail()).contains("does not match computed");
    assertThat(queries.members(tenant, "LG-1", caught.run().id()).orElseThrow().scope())
        .as("what the dashboard shows").isEqualTo(scope(caught));
    assertThat(scope(caught)).anyMatch(s -> s.startsWith("Re-verified entries 1 to "))
        .anyMatch(s -> s.startsWith("The whole chain, entries 1 to ") && s.endsWith("; bound 4 hours."));

    // The pass stays on the broken slice: every later sweep fails until the chain is restored.
    for (int i = 0; i < BOUND_HOURS; i++) {
      assertThat(sweep(lg1).run().exceptions()).extracting(Deviation::subjectId).contains("entry 1");
    }
  }

  @Test
  void aRewriteBelowTheWatermarkRehashedForwardIsCaughtOnTheNextSweep() {
    sweep(lg1);
    sweep(lg1);
    long watermark = state("verified_seq");
    rewriteFrom(FILLER / 2);
    RunRecorder.Outcome next = sweep(lg1);
    assertThat(next.run().result()).isEqualTo(RunResult.FAIL);
    assertThat(next.run().exceptions()).extracting(Deviation::subjectId).contains("entry " + watermark);
    assertThat(next.run().exceptions()).filteredOn(d -> d.subjectId().equals("entry " + watermark))
        .singleElement().satisfies(d -> assertThat(d.detail()).contains("the history up to it was rewritten"));
    assertThat(state("verified_seq")).as("a watermark that no longer holds saves nothing").isEqualTo(watermark);
    assertThat(sweep(lg1).run().result()).isEqualTo(RunResult.FAIL);
  }

  @Test
  void entriesAppendedSinceTheLastSweepAreVerifiedOnTheNext() {
    sweep(lg1);
    long watermark = state("verified_seq");
    fill(50);
    long head = head();
    RunRecorder.Outcome next = sweep(lg1);
    assertThat(next.run().result()).isEqualTo(RunResult.PASS);
    assertThat(scope(next)).first().asString().isEqualTo("Verified entries " + (watermark + 1) + " to " + head
        + ", appended since entry " + watermark + ", chained from the hash entry " + watermark + " verified with,"
        + " and checked its stored hash against that hash.");
    assertThat(state("verified_seq")).isEqualTo(head);

    // An appended entry edited before any sweep verified it: caught by the next, which keeps the watermark.
    fill(50);
    long edited = head() - 20;
    edit(edited);
    RunRecorder.Outcome broken = sweep(lg1);
    assertThat(broken.run().exceptions()).extracting(Deviation::subjectId).containsExactly("entry " + edited);
    assertThat(state("verified_seq")).isEqualTo(head);
  }

  @Test
  void theStateSurvivesARestartAndItsLossMeansAWholeVerification() {
    sweep(lg1);
    RunRecorder.Outcome before = sweep(lg1);
    long next = state("pass_next_seq");
    assertThat(scope(before)).anyMatch(s -> s.startsWith("Re-verified entries 1 to " + (next - 1) + " "));

    RunRecorder.Outcome restarted = sweep(node());
    assertThat(scope(restarted)).anyMatch(s -> s.startsWith("Re-verified entries " + next + " to "))
        .noneMatch(s -> s.startsWith("No verification was on record"));

    // Without its row, LG-1 verifies everything again, and so finds an edit anywhere at once.
    edit(FILLER / 3);
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM chain_verification WHERE tenant_id = :t").bind("t", tenant)
        .execute());
    RunRecorder.Outcome lost = sweep(node());
    assertThat(scope(lost)).first().asString().startsWith("No verification was on record");
    assertThat(lost.run().exceptions()).extracting(Deviation::subjectId).contains("entry " + FILLER / 3);
  }

  @Test
  void twoNodesVerifyingAtOnceNeitherLoseNorRewindTheState() throws Exception {
    sweep(lg1);
    RollingVerifier a = verifier();
    RollingVerifier b = verifier();
    Duration period = Duration.ofHours(BOUND_HOURS);
    for (int round = 0; round < 6; round++) {
      clock.advance(SWEEP);
      fill(10);
      long version = state("version");
      long passNext = state("pass_next_seq");
      Object passStarted = passStartedAt();
      Instant now = clock.instant();
      CyclicBarrier together = new CyclicBarrier(2);
      List<CompletableFuture<ChainCheck>> runs = List.of(a, b).stream().map(v -> CompletableFuture.supplyAsync(() -> {
        await(together);
        return v.verify(tenant, now, SWEEP, period);
      })).toList();
      List<ChainCheck> checks = new ArrayList<>();
      for (CompletableFuture<ChainCheck> r : runs) checks.add(r.get());
      assertThat(checks).allSatisfy(c -> assertThat(c.breaks()).isEmpty());
      long saves = checks.stream().filter(ChainCheck::saved).count();
      assertThat(saves).as("round %s: one saves, or both in turn", round).isBetween(1L, 2L);
      assertThat(state("version")).isEqualTo(version + saves);
      assertThat(state("verified_seq")).isEqualTo(head());
      long moved = state("pass_next_seq");
      // A wrap starts a new pass at entry 1 and verifies a slice of it: the pass's start moves.
      boolean wrapped = !Objects.equals(passStartedAt(), passStarted);
      assertThat(moved > passNext || wrapped).as("round %s: the pass moved on or wrapped, from %s to %s", round,
          passNext, moved).isTrue();
    }
    // Whatever the interleaving, the state still leads a single node to an edit within the bound.
    edit(2);
    int sweeps = 1;
    while (sweeps <= 2 * BOUND_HOURS && sweep(lg1).run().result() == RunResult.PASS) sweeps++;
    assertThat(sweeps).as("the sweep that caught it").isLessThanOrEqualTo(BOUND_HOURS);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  RunRecorder.Outcome sweep(ControlRunner runner) {
    clock.advance(SWEEP);
    return runner.run(tenant, List.of(bounded.find("LG-1").orElseThrow()), RunTrigger.SCHEDULE, clock.instant())
        .get(0);
  }

  /** The scope sentences of a run's evidence. */
  List<String> scope(RunRecorder.Outcome o) {
    try {
      JsonNode scope = JSON.readTree(evidence(o.run().id())).path("scope");
      List<String> out = new ArrayList<>();
      scope.forEach(n -> out.add(n.asText()));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void fill(int n) {
    List<PendingEntry> entries = IntStream.range(0, n).mapToObj(i -> new PendingEntry(ADMIN, "test.filler",
        "filler-" + i, AuditData.object().put("note", "filler entry " + i))).toList();
    jdbi.useTransaction(h -> stores.audit().appendAll(h, tenant, entries));
  }

  long head() {
    return jdbi.withHandle(h -> h.createQuery("SELECT seq FROM audit_heads WHERE tenant_id = :t").bind("t", tenant)
        .mapTo(Long.class).one());
  }

  /** When the rolling pass under way began, as the database holds it. */
  Object passStartedAt() {
    return jdbi.withHandle(h -> h.createQuery("SELECT pass_started_at FROM chain_verification WHERE tenant_id = :t")
        .bind("t", tenant).mapToMap().one()).get("pass_started_at");
  }

  long state(String column) {
    return jdbi.withHandle(h -> h.createQuery("SELECT verified_seq, pass_next_seq, version FROM chain_verification"
        + " WHERE tenant_id = :t").bind("t", tenant).mapToMap().one()).get(column) instanceof Number n
        ? n.longValue() : -1;
  }

  /** Changes entry {@code seq}'s data in place, as someone with write access to the table could. */
  void edit(long seq) {
    int changed = jdbi.withHandle(h -> h.createUpdate(
        "UPDATE audit_entries SET data = :data WHERE tenant_id = :t AND seq = :seq")
        .bind("data", "{\"note\":\"rewritten\"}").bind("t", tenant).bind("seq", seq).execute());
    assertThat(changed).isEqualTo(1);
  }

  /** Edits entry {@code seq} and re-hashes it and every later entry, and the head, as a careful forger would. */
  void rewriteFrom(long seq) {
    edit(seq);
    AuditLog log = stores.auditLog();
    List<String[]> hashes = new ArrayList<>();
    String[] previous = {log.hashBefore(tenant, seq)};
    log.forEachStored(tenant, seq - 1, Long.MAX_VALUE, e -> {
      previous[0] = AuditChain.hash(previous[0], e.canonicalBytes());
      hashes.add(new String[] {Long.toString(e.meta().seq()), previous[0]});
    });
    jdbi.useTransaction(h -> {
      for (String[] row : hashes) {
        h.createUpdate("UPDATE audit_entries SET hash = :hash WHERE tenant_id = :t AND seq = :seq")
            .bind("hash", row[1]).bind("t", tenant).bind("seq", Long.parseLong(row[0])).execute();
      }
      h.createUpdate("UPDATE audit_heads SET hash = :hash WHERE tenant_id = :t").bind("hash", previous[0])
          .bind("t", tenant).execute();
    });
  }
}
