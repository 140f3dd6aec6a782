package dev.vigil.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.evidence.follow.Progress;
import dev.vigil.evidence.follow.Reindexer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The index is derived data: rebuilt from the chain, or built again after its directory is
 * lost, it holds the same documents, field for field, as the one kept up to date entry by
 * entry; and searches keep answering, with the same totals, while a rebuild runs.
 */
abstract class RebuildContract extends WithEstate {

  /** Small batches: a rebuild of a test's chain then reports progress many times. */
  private static final int BATCH = 10;

  RebuildContract(TestDb.Kind kind) {
    super(kind);
  }

  @Test
  void aRebuildHoldsTheSameDocumentsAsTheIndexKeptUpToDate() {
    Estate.Company c = changedCompany();
    Map<String, Hit> kept = whole(c.tenant());
    List<Progress> progress = new CopyOnWriteArrayList<>();

    Progress done = reindexer().rebuild(c.tenant(), progress::add);

    assertThat(done.state()).as(done.error()).isEqualTo(Progress.DONE);
    assertThat(done.entries()).isEqualTo(done.totalEntries()).isEqualTo(estate.index.indexedSeq(c.tenant()));
    assertThat(progress).extracting(Progress::entries).isSorted();
    assertThat(progress).hasSizeGreaterThan(3).last().isEqualTo(done);
    assertSameDocuments(whole(c.tenant()), kept);
  }

  @Test
  void searchesAnswerThroughoutARebuild() throws Exception {
    Estate.Company c = company();
    estate.act(c, "many", 150);
    estate.follower.catchUp(c.tenant());
    long total = everything(c.tenant()).total();
    List<Long> seenByProgress = new CopyOnWriteArrayList<>();
    List<Progress> progress = new CopyOnWriteArrayList<>();

    CompletableFuture<Progress> rebuild = CompletableFuture.supplyAsync(() -> reindexer().rebuild(c.tenant(), p -> {
      progress.add(p);
      seenByProgress.add(everything(c.tenant()).total());
    }));
    List<Long> seen = new CopyOnWriteArrayList<>();
    while (!rebuild.isDone()) {
      seen.add(everything(c.tenant()).total());
      assertThat(estate.index.find(c.tenant(), DocType.AGENT, c.agent())).isPresent();
    }
    Progress done = rebuild.get(30, TimeUnit.SECONDS);

    assertThat(done.state()).as(done.error()).isEqualTo(Progress.DONE);
    assertThat(progress).hasSizeGreaterThan(10);
    assertThat(seen).as("totals searched while rebuilding").isNotEmpty().containsOnly(total);
    assertThat(seenByProgress).as("totals searched at each step").containsOnly(total);
    assertThat(everything(c.tenant()).total()).isEqualTo(total);
  }

  @Test
  void entriesAppendedDuringARebuildAreInTheRebuiltIndex() {
    Estate.Company c = company();
    estate.follower.catchUp(c.tenant());
    boolean[] appended = {false};

    Progress done = reindexer().rebuild(c.tenant(), p -> {
      if (!appended[0] && p.entries() > 0) {
        appended[0] = true;
        estate.act(c, "during", 25);
        estate.stores.agents().create(c.tenant(), Estate.ADMIN, "late-agent", c.owner(), "arrived mid-rebuild");
      }
    });

    assertThat(done.state()).as(done.error()).isEqualTo(Progress.DONE);
    assertThat(appended[0]).isTrue();
    Census.assertMatches(estate.index, estate.jdbi, c.tenant());
  }

  @Test
  void anIndexWhoseDirectoryIsLostIsBuiltAgainFromTheChain() throws Exception {
    Estate.Company c = changedCompany();
    Map<String, Hit> kept = whole(c.tenant());

    estate.closeIndex();
    TempDirs.delete(estate.indexDir);
    estate.openIndex();
    assertThat(everything(c.tenant()).total()).isZero();
    estate.follower.catchUp(c.tenant());

    assertSameDocuments(whole(c.tenant()), kept);
    Census.assertMatches(estate.index, estate.jdbi, c.tenant());
  }

  /** Fails naming each document that differs, and how, rather than printing both indexes whole. */
  private static void assertSameDocuments(Map<String, Hit> actual, Map<String, Hit> expected) {
    assertThat(actual.keySet()).as("uids").isEqualTo(expected.keySet());
    Map<String, String> differ = new TreeMap<>();
    expected.forEach((uid, hit) -> {
      if (!hit.equals(actual.get(uid))) differ.put(uid, "\n  expected " + hit + "\n  but was  " + actual.get(uid));
    });
    assertThat(differ).as("documents that differ").isEmpty();
  }

  private Reindexer reindexer() {
    return new Reindexer(estate.jdbi, estate.reader, estate.index, estate.follower, BATCH, estate.clock);
  }

  /** Every document of the tenant with all its fields, by uid. */
  private Map<String, Hit> whole(String tenant) {
    Map<String, Hit> out = new TreeMap<>();
    for (Hit h : estate.everything(tenant)) {
      Hit whole = estate.index.find(tenant, h.type(), h.id()).orElseThrow();
      assertThat(out.put(EvidenceDoc.uid(h.type(), h.id()), whole)).as("indexed twice").isNull();
    }
    return out;
  }

  private SearchResult everything(String tenant) {
    return estate.index.search(tenant, new SearchRequest("", Filters.NONE, SearchRequest.Order.TIME, null, 1));
  }
}
