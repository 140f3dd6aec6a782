package dev.vigil.evidence;

import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.evidence.docs.EvidenceReader;
import dev.vigil.evidence.follow.ChainFollower;
import dev.vigil.evidence.lucene.LuceneIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Jdbi;

/**
 * A node's indexer alone, in a JVM of its own, for {@link ResumeContract} to kill: a follower
 * over the database at {@code args[0]} (user {@code args[1]}, no password) indexing every
 * tenant into {@code args[2]} in batches of 50 entries, committing every 50 ms, until killed.
 */
final class IndexerProcess {

  static final ChainFollower.Settings FOLLOW = new ChainFollower.Settings(1, Duration.ofMillis(50),
      Duration.ofMillis(50), 50, Duration.ZERO);

  private IndexerProcess() {}

  public static void main(String[] args) throws Exception {
    Jdbi jdbi = Jdbis.configure(Jdbi.create(Estate.pool(args[0], args[1])));
    // The parent's clock stands still at the estate's base; so does this one.
    Clock clock = Clock.fixed(Estate.BASE, ZoneOffset.UTC);
    TestStores stores = TestStores.on(jdbi, clock);
    EvidenceReader reader = new EvidenceReader(jdbi, new EvidenceReader.Sources(stores.agents(), stores.grants(),
        stores.connections(), stores.vendors(), stores.incidents(), new ControlQueries(jdbi)));
    LuceneIndex index = new LuceneIndex(Path.of(args[2]), Estate.INDEX);
    new ChainFollower(jdbi, reader, index, FOLLOW, clock).start();
    System.out.println("indexing " + args[2]);
    new CountDownLatch(1).await(); // until killed
  }
}
