package dev.vigil.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.controls.audit.Actor;
import dev.vigil.evidence.follow.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rebuilds asked for through the API: one at a time per tenant, recorded before they start, never left running. */
class ReindexJobsTest {

  static final Actor ADMIN = new Actor("token", "tok_admin");
  static final Duration WITHIN = Duration.ofSeconds(10);

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
  final List<String> recorded = new CopyOnWriteArrayList<>();
  /** Each tenant's rebuild reports its first progress, then waits for its latch before finishing. */
  final Map<String, CountDownLatch> release = new ConcurrentHashMap<>();
  ReindexJobs jobs;

  Progress held(String tenantId, Consumer<Progress> progress) {
    Instant start = clock.instant();
    // The latch exists before the first report, so a test that ends after it always releases it.
    CountDownLatch latch = release.computeIfAbsent(tenantId, t -> new CountDownLatch(1));
    progress.accept(new Progress(tenantId, Progress.RUNNING, 0, 10, 0, start, null, null));
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    Progress done = new Progress(tenantId, Progress.DONE, 10, 10, 25, start, clock.instant(), null);
    progress.accept(done);
    return done;
  }

  ReindexJobs jobs(ReindexJobs.Rebuild rebuild) {
    jobs = new ReindexJobs(rebuild, (tenantId, actor) -> recorded.add(tenantId + " by " + actor.id()), clock);
    return jobs;
  }

  @AfterEach
  void close() throws Exception {
    release.values().forEach(CountDownLatch::countDown);
    if (jobs != null) jobs.close();
  }

  Progress awaitState(String tenantId, String state) throws InterruptedException {
    Instant deadline = Instant.now().plus(WITHIN);
    while (Instant.now().isBefore(deadline)) {
      Progress p = jobs.latest(tenantId).orElseThrow();
      if (p.state().equals(state)) return p;
      Thread.sleep(10);
    }
    throw new AssertionError(tenantId + " never reached " + state + ": " + jobs.latest(tenantId));
  }

  @Test
  void aSecondRequestWhileTheTenantsRebuildRunsIsAConflictAndRecordsNothing() {
    jobs(this::held);
    jobs.start("ten_a", ADMIN);
    assertThatThrownBy(() -> jobs.start("ten_a", ADMIN)).isInstanceOf(Rejected.class)
        .extracting(e -> ((Rejected) e).reason()).isEqualTo(Rejected.Reason.CONFLICT);
    assertThat(recorded).containsExactly("ten_a by tok_admin");
  }

  @Test
  void whenTheRequestCannotBeRecordedNothingStartsAndTheTenantMayAskAgain() throws Exception {
    ReindexJobs failing = new ReindexJobs(this::held, (t, a) -> {
      throw new IllegalStateException("the database is down");
    }, clock);
    jobs = failing;
    assertThatThrownBy(() -> failing.start("ten_a", ADMIN)).hasMessageContaining("database is down");
    assertThat(failing.latest("ten_a")).isEmpty();
    failing.close();
    jobs(this::held);
    assertThat(jobs.start("ten_a", ADMIN).state()).isEqualTo(Progress.RUNNING);
  }

  @Test
  void aRebuildThatThrowsIsReportedFailedNotLeftRunning() throws Exception {
    jobs((tenantId, progress) -> {
      throw new IllegalStateException("disk full");
    });
    jobs.start("ten_a", ADMIN);
    Progress failed = awaitState("ten_a", Progress.FAILED);
    assertThat(failed.error()).contains("disk full");
    assertThat(failed.finishedAt()).isNotNull();
    // A failed rebuild does not block the next.
    jobs.start("ten_a", ADMIN);
    assertThat(recorded).hasSize(2);
  }

  @Test
  void theAnswerIsTheFirstReportAndTheLatestFollowsTheRebuildToItsEnd() throws Exception {
    jobs(this::held);
    Progress first = jobs.start("ten_a", ADMIN);
    assertThat(first.state()).isEqualTo(Progress.RUNNING);
    assertThat(first.totalEntries()).isEqualTo(10);
    clock.advance(Duration.ofSeconds(5));
    release.get("ten_a").countDown();
    Progress done = awaitState("ten_a", Progress.DONE);
    assertThat(done.documents()).isEqualTo(25);
    assertThat(done.finishedAt()).isEqualTo(first.startedAt().plusSeconds(5));
    // Once done, the tenant may rebuild again.
    release.put("ten_a", new CountDownLatch(1));
    assertThat(jobs.start("ten_a", ADMIN).state()).isEqualTo(Progress.RUNNING);
  }

  @Test
  void tenantsRebuildAtTheSameTimeEachKnowingOnlyItsOwn() {
    jobs(this::held);
    jobs.start("ten_a", ADMIN);
    jobs.start("ten_b", ADMIN);
    assertThat(jobs.latest("ten_a").orElseThrow().tenantId()).isEqualTo("ten_a");
    assertThat(jobs.latest("ten_b").orElseThrow().tenantId()).isEqualTo("ten_b");
    assertThat(jobs.latest("ten_c")).isEmpty();
  }
}
