package dev.vigil.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.testing.TestDb;
import dev.vigil.evidence.follow.ChainFollower;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every document type is indexed exactly once: after the follower catches up, the index's
 * count of each type (by facet and by filtered total) and the ids it holds equal what the
 * database implies, however often an object changed and however many batches it took.
 */
abstract class IndexedOnceContract extends WithEstate {

  IndexedOnceContract(TestDb.Kind kind) {
    super(kind);
  }

  @Test
  void aNewTenantHasItsEntriesAndNothingElse() {
    String tenant = estate.stores.tenants().create("Empty", Estate.ADMIN).tenant().id();
    estate.follower.catchUp(tenant);

    Census.assertMatches(estate.index, estate.jdbi, tenant);
    Map<DocType, Long> counts = Census.byFacet(estate.index, tenant);
    assertThat(counts.get(DocType.ENTRY)).isPositive();
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(counts.get(DocType.ENTRY));
  }

  @Test
  void objectsChangedAgainAndAgainAreStillIndexedOnce() {
    Estate.Company c = changedCompany();

    Census.assertMatches(estate.index, estate.jdbi, c.tenant());
    // And as they stand now, not as first indexed.
    assertThat(field(c.tenant(), DocType.AGENT, c.otherAgent(), Fields.STATUS)).isEqualTo("retired");
    assertThat(field(c.tenant(), DocType.GRANT, c.wildGrant(), Fields.STATUS)).isEqualTo("revoked");
    assertThat(field(c.tenant(), DocType.GRANT, c.narrowGrant(), Fields.STATUS)).isEqualTo("revoked");
    assertThat(field(c.tenant(), DocType.VENDOR, c.vendor(), Fields.VENDOR)).isEqualTo("Salesforce Inc");
    assertThat(field(c.tenant(), DocType.INCIDENT, c.incident(), Fields.STATUS)).isEqualTo("contained");
    assertThat(Census.byFacet(estate.index, c.tenant()).get(DocType.EVIDENCE))
        .as("the second run's evidence items beside the first's").isGreaterThan(0);
  }

  @Test
  void aChainReadInManySmallBatchesIsIndexedOnce() throws Exception {
    Estate.Company c = company();
    estate.change(c);
    // Batches of 7 entries: an object's changes and a run's entries fall in different batches.
    ChainFollower.Settings small = new ChainFollower.Settings(1, Duration.ofSeconds(1), Duration.ofSeconds(1), 7,
        Duration.ZERO);
    try (ChainFollower follower = new ChainFollower(estate.jdbi, estate.reader, estate.index, small, estate.clock)) {
      follower.catchUp(c.tenant());
    }

    Census.assertMatches(estate.index, estate.jdbi, c.tenant());
  }

  @Test
  void everyTypeOfACompanyIsIndexedOnce() {
    Estate.Company c = company();
    estate.follower.catchUp(c.tenant());

    Census.assertMatches(estate.index, estate.jdbi, c.tenant());
    Map<DocType, Long> counts = Census.byFacet(estate.index, c.tenant());
    assertThat(counts).as("a company has every type of document").allSatisfy((type, n) -> assertThat(n).isPositive());
    assertThat(estate.index.indexedSeq(c.tenant())).isEqualTo(counts.get(DocType.ENTRY));
  }

  private String field(String tenant, DocType type, String id, String name) {
    return estate.index.find(tenant, type, id).orElseThrow().fields().path(name).asText();
  }
}
