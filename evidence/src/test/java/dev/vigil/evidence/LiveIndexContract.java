package dev.vigil.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.controls.model.Severity;
import dev.vigil.evidence.follow.ChainFollower;
import dev.vigil.evidence.lucene.LuceneIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The index as the service runs it, followers started: what is committed to a chain becomes
 * searchable within a second on this node (told of the commit) and within the poll interval
 * on every other (reading the chain heads), paging by time stays whole while it grows, and
 * catching a tenant up by hand makes it searchable even while the follower's timers run; a
 * search sees what was indexed longer ago than the index's staleness bound, with no timer; a
 * tenant's chain is read at most once per linger, and what it holds is read within it.
 * Timings are measured and printed; only the deadlines are asserted (the benchmark holds the
 * p95), since a loaded test machine is no place to time things.
 */
abstract class LiveIndexContract extends WithEstate {

  private static final Duration DEADLINE = Duration.ofSeconds(5);

  LiveIndexContract(TestDb.Kind kind) {
    super(kind);
  }

  @BeforeAll
  void follow() {
    // As the service wires it: each commit to a chain tells this node's follower.
    estate.stores.listeners().add((tenant, entries) -> estate.follower.changed(tenant));
    estate.follower.start();
  }

  @Test
  void anIngestedEventIsSearchableWithinASecond() {
    Estate.Company c = company();
    awaitIndexed(estate.index, c.tenant());
    List<Duration> took = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String marker = "nrt" + UUID.randomUUID().toString().replace("-", "");
      estate.events.ingest(c.tenant(), Estate.ADMIN, null, List.of(new EventStore.NewEvent(c.agent(),
          c.connection(), "crm:read", marker, "success", estate.clock.instant(), null, null)));
      took.add(Await.until(marker + " searchable", DEADLINE, () -> found(estate.index, c.tenant(), marker)));
    }
    System.out.println("evidence index, acknowledged to searchable: " + took);
  }

  @Test
  void catchingUpMakesSearchableEvenWhileTheFollowerRefreshes() {
    Estate.Company c = company();
    for (int i = 0; i < 60; i++) {
      String marker = "caught" + UUID.randomUUID().toString().replace("-", "");
      estate.events.ingest(c.tenant(), Estate.ADMIN, null, List.of(new EventStore.NewEvent(c.agent(),
          c.connection(), "crm:read", marker, "success", estate.clock.instant(), null, null)));
      estate.follower.catchUp(c.tenant());
      assertThat(found(estate.index, c.tenant(), marker)).as("found right after catching up, round %s", i).isTrue();
    }
  }

  @Test
  void pagesByTimeNeitherRepeatNorSkipWhileEventsArrive() {
    Estate.Company c = company();
    estate.act(c, "before", 200);
    long total = awaitIndexed(estate.index, c.tenant());
    Set<String> existing = estate.everything(c.tenant()).stream().map(LiveIndexContract::uid).collect(Collectors.toSet());
    List<String> paged = new ArrayList<>();
    Instant last = Instant.MAX;
    String cursor = null;
    int round = 0;
    do {
      SearchResult page = estate.index.search(c.tenant(), new SearchRequest("", Filters.NONE,
          SearchRequest.Order.TIME, cursor, 25));
      for (Hit h : page.items()) {
        assertThat(h.time()).as("newest first").isBeforeOrEqualTo(last);
        last = h.time();
        paged.add(uid(h));
      }
      cursor = page.nextCursor();
      // Before the next page, ten more events, scattered over the hour: among those paged and those to come.
      estate.act(c, "during" + round++, 10);
      long grown = total + 10;
      total = Await.until("the round's events searchable", DEADLINE, () -> estate.index.search(c.tenant(),
          new SearchRequest("", Filters.NONE, SearchRequest.Order.TIME, null, 1)).total(), n -> n == grown);
    } while (cursor != null);

    assertThat(round).isGreaterThan(5);
    assertThat(paged).as("items paged").doesNotHaveDuplicates();
    assertThat(paged).as("every item there at the first page").containsAll(existing);
  }

  @Test
  void aChangeIsFoundThroughEveryNodeByPollingAlone() throws Exception {
    Estate.Company c = company();
    try (Node one = new Node(); Node two = new Node()) {
      awaitIndexed(one.index, c.tenant());
      awaitIndexed(two.index, c.tenant());

      // Through the stores: only the estate's own follower hears of it; the nodes must poll.
      String marker = "outage" + UUID.randomUUID().toString().replace("-", "");
      estate.stores.incidents().create(c.tenant(), Estate.ADMIN, "Outage " + marker, Severity.SEV3,
          estate.clock.instant(), false, "found by " + marker);
      Duration first = Await.until("node one finds " + marker, DEADLINE, () -> found(one.index, c.tenant(), marker));
      Duration second = Await.until("node two finds " + marker, DEADLINE, () -> found(two.index, c.tenant(), marker));
      // A tenant neither node has seen before.
      Estate.Company later = company();
      Duration third = Await.until("both nodes find a new tenant", DEADLINE,
          () -> !one.index.search(later.tenant(), everything()).items().isEmpty()
              && !two.index.search(later.tenant(), everything()).items().isEmpty());
      System.out.println("evidence index, committed to found on other nodes: " + first + ", " + second
          + "; a new tenant: " + third);

      assertThat(one.index.find(c.tenant(), DocType.INCIDENT, incidentId(one.index, c.tenant(), marker)))
          .isEqualTo(two.index.find(c.tenant(), DocType.INCIDENT, incidentId(two.index, c.tenant(), marker)));
      awaitIndexed(one.index, later.tenant());
      awaitIndexed(two.index, later.tenant());
    }
  }

  @Test
  void aSearchSeesWhatWasIndexedLongerAgoThanTheBoundAndNothingRefreshesAnIndexNobodySearches() throws Exception {
    Estate.Company c = company();
    try (Node eager = new Node(Duration.ZERO); Node lazy = new Node(Duration.ofHours(1))) {
      for (int i = 0; i < 20; i++) {
        String marker = "bound" + UUID.randomUUID().toString().replace("-", "");
        long head = estate.events.ingest(c.tenant(), Estate.ADMIN, null, List.of(new EventStore.NewEvent(c.agent(),
            c.connection(), "crm:read", marker, "success", estate.clock.instant(), null, null))).lastSeq();
        Await.until("both nodes index " + marker, DEADLINE,
            () -> eager.index.indexedSeq(c.tenant()) >= head && lazy.index.indexedSeq(c.tenant()) >= head);
        // No timer refreshed either reader: the search that needs a fresher one refreshes it.
        assertThat(found(eager.index, c.tenant(), marker)).as("indexed before a search with no staleness allowed, "
            + "round %s", i).isTrue();
        assertThat(found(lazy.index, c.tenant(), marker)).as("within an hour's staleness, round %s", i).isFalse();
        lazy.index.refresh(c.tenant());
        assertThat(found(lazy.index, c.tenant(), marker)).as("after a refresh, round %s", i).isTrue();
      }
    }
  }

  @Test
  void aCommitIsReadWithinTheLingerAndNoSoonerAfterTheLastRead() throws Exception {
    Estate.Company c = company();
    Duration linger = Duration.ofSeconds(1);
    // Told of commits by hand, as the service's listener tells it; its poll comes once, at start.
    ChainFollower.Settings settings = new ChainFollower.Settings(1, Duration.ofHours(1), Duration.ofHours(1),
        Estate.FOLLOW.batch(), linger);
    try (Node node = new Node(Duration.ZERO, settings)) {
      awaitIndexed(node.index, c.tenant()); // the read at start
      // A read by hand: it waits for the one at start to end, and the linger counts from it.
      long lastRead = System.nanoTime();
      node.follower.catchUp(c.tenant());
      String marker = "linger" + UUID.randomUUID().toString().replace("-", "");
      long head = estate.events.ingest(c.tenant(), Estate.ADMIN, null, List.of(new EventStore.NewEvent(c.agent(),
          c.connection(), "crm:read", marker, "success", estate.clock.instant(), null, null))).lastSeq();
      node.follower.changed(c.tenant());
      Duration took = Await.until(marker + " indexed", linger.plus(DEADLINE),
          () -> node.index.indexedSeq(c.tenant()) >= head);
      assertThat(Duration.ofNanos(System.nanoTime() - lastRead)).as("read no sooner than the linger after the "
          + "last read").isGreaterThanOrEqualTo(linger);
      assertThat(found(node.index, c.tenant(), marker)).isTrue();
      System.out.println("evidence index, committed to indexed with a " + linger + " linger: " + took);
    }
  }

  /** Another node: its own index on its own disk and its own follower, over the same database. */
  private final class Node implements AutoCloseable {
    final Path dir = TempDirs.create("vigil-node");
    final LuceneIndex index;
    final ChainFollower follower;

    Node() {
      this(Estate.INDEX.maxStale());
    }

    /** A node whose searches may be {@code maxStale} behind what it indexed. */
    Node(Duration maxStale) {
      this(maxStale, Estate.FOLLOW);
    }

    Node(Duration maxStale, ChainFollower.Settings follow) {
      index = new LuceneIndex(dir, new LuceneIndex.Settings(Estate.INDEX.ramBufferMb(),
          Estate.INDEX.queryTimeoutMillis(), maxStale));
      follower = new ChainFollower(estate.jdbi, estate.reader, index, follow, estate.clock);
      follower.start();
    }

    @Override
    public void close() throws Exception {
      follower.close();
      index.close();
      TempDirs.delete(dir);
    }
  }

  private static boolean found(EvidenceSearch search, String tenant, String marker) {
    return search.search(tenant, new SearchRequest(marker, Filters.NONE, SearchRequest.Order.TIME, null, 1))
        .total() > 0;
  }

  private static String incidentId(EvidenceSearch search, String tenant, String marker) {
    Filters incidents = new Filters(DocType.INCIDENT, null, null, null, null, null, null, null, null, null);
    return search.search(tenant, new SearchRequest(marker, incidents, SearchRequest.Order.TIME, null, 1)).items()
        .get(0).id();
  }

  private static SearchRequest everything() {
    return new SearchRequest("", Filters.NONE, SearchRequest.Order.TIME, null, 1);
  }

  private static String uid(Hit h) {
    return EvidenceDoc.uid(h.type(), h.id());
  }
}
