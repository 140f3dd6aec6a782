package dev.vigil.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.evidence.follow.ChainFollower;
import dev.vigil.evidence.lucene.LuceneIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.store.FSDirectory;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * An indexer killed with SIGKILL in the middle of its work loses nothing and repeats nothing:
 * a child JVM indexes while this one keeps appending, is killed once its index has a commit
 * and is still behind, is started again on the same directory, killed again; then this JVM
 * opens that directory, catches up, and finds every document exactly once.
 */
abstract class ResumeContract extends WithEstate {

  /** The commit user data key of the last indexed seq, {@code TenantIndex.SEQ}. */
  private static final String SEQ = "vigil.seq";
  private static final int KILLS = 3;
  /** The most entries the appender lets the child fall behind by. */
  private static final long BACKLOG = 400;

  ResumeContract(TestDb.Kind kind) {
    super(kind);
  }

  @Test
  void anIndexerKilledMidWorkResumesWithEveryDocumentOnce() throws Exception {
    Estate.Company c = company();
    Path dir = TempDirs.create("vigil-killed");
    Path log = dir.resolveSibling(dir.getFileName() + ".log");
    AtomicBoolean appending = new AtomicBoolean(true);
    long killedAt = 0;
    try (ChildDatabase db = new ChildDatabase()) {
      CompletableFuture<Void> appender = CompletableFuture.runAsync(() -> append(c, dir, appending));
      for (int kill = 1; kill <= KILLS; kill++) {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), IndexerProcess.class.getName(), db.url, estate.db.user(),
            dir.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        try {
          long before = killedAt;
          killedAt = Await.until("kill " + kill + ": a commit past seq " + before + " while behind the chain (log: "
              + log + ")", Duration.ofSeconds(60), () -> {
                assertThat(child.isAlive()).as("the child runs; its log: %s", log).isTrue();
                long committed = committedSeq(dir, c.tenant());
                return committed > before && committed < head(c.tenant()) ? committed : -1L;
              }, seq -> seq > 0);
        } finally {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
          assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
      }
      appending.set(false);
      appender.get(60, TimeUnit.SECONDS);
    } finally {
      appending.set(false);
    }

    try (LuceneIndex index = new LuceneIndex(dir, Estate.INDEX);
        ChainFollower follower = new ChainFollower(estate.jdbi, estate.reader, index, Estate.FOLLOW, estate.clock)) {
      assertThat(index.indexedSeq(c.tenant())).as("resumes after the last commit").isGreaterThanOrEqualTo(killedAt);
      follower.catchUp(c.tenant());

      Census.assertMatches(index, estate.jdbi, c.tenant());
    } finally {
      TempDirs.delete(dir);
      Files.deleteIfExists(log);
    }
  }

  /**
   * Appends actions, and now and then a run of every control, while the child indexes; waits
   * whenever the child is {@link #BACKLOG} entries behind, so the chain stays a size the test
   * reads back quickly however slow the child starts.
   */
  private void append(Estate.Company c, Path dir, AtomicBoolean appending) {
    for (int round = 0; appending.get(); round++) {
      estate.act(c, "kill" + round, 25);
      if (round % 8 == 0) estate.runner.run(c.tenant(), estate.catalog.all(), RunTrigger.MANUAL, null);
      while (appending.get() && head(c.tenant()) - committedSeq(dir, c.tenant()) > BACKLOG) {
        LockSupport.parkNanos(5_000_000);
      }
    }
  }

  private long head(String tenant) {
    return estate.jdbi.withHandle(h -> h.createQuery("SELECT seq FROM audit_heads WHERE tenant_id = :t")
        .bind("t", tenant).mapTo(Long.class).one());
  }

  /** The seq the tenant's last commit in {@code dir} records; 0 before the first, or while it is being replaced. */
  private static long committedSeq(Path dir, String tenant) {
    Path tenantDir = dir.resolve(tenant);
    if (!Files.isDirectory(tenantDir)) return 0;
    try (Stream<Path> generations = Files.list(tenantDir)) {
      Path live = generations.filter(p -> p.getFileName().toString().matches("\\d+")).findFirst().orElse(null);
      if (live == null) return 0;
      try (FSDirectory d = FSDirectory.open(live)) {
        List<IndexCommit> commits = DirectoryReader.listCommits(d);
        return Long.parseLong(commits.get(commits.size() - 1).getUserData().getOrDefault(SEQ, "0"));
      }
    } catch (IOException e) {
      return 0; // no commit yet, or one replaced as it was read: look again
    }
  }

  /**
   * How the child reaches this test's database: PostgreSQL directly; the in-memory H2 database
   * through a TCP server in this JVM, which holds it.
   */
  private final class ChildDatabase implements AutoCloseable {
    final Server server;
    final String url;

    ChildDatabase() throws Exception {
      String own = estate.db.url();
      if (estate.db.kind() == TestDb.Kind.H2) {
        server = Server.createTcpServer("-tcpPort", "0", "-ifExists").start();
        url = own.replace("jdbc:h2:mem:", "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:");
      } else {
        server = null;
        url = own;
      }
    }

    @Override
    public void close() {
      if (server != null) server.stop();
    }
  }
}
