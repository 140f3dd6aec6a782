package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the evidence contracts: one {@link Estate} for all the tests of a class, on the
 * database its subclass names, since migrating a database costs seconds; each test then fills
 * a company (a tenant) of its own, so tests do not see each other's documents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WithEstate {

  private final TestDb.Kind kind;
  Estate estate;

  WithEstate(TestDb.Kind kind) {
    this.kind = kind;
  }

  @BeforeAll
  void openEstate() {
    estate = new Estate(kind);
  }

  @AfterAll
  void closeEstate() throws Exception {
    if (estate != null) estate.close();
  }

  /** Waits until {@code search} holds every document the tenant's database implies; returns how many. */
  long awaitIndexed(EvidenceSearch search, String tenant) {
    long expected = Census.sizes(Census.database(estate.jdbi, tenant)).values().stream().mapToLong(n -> n).sum();
    return Await.until(tenant + " indexed through its head", Duration.ofSeconds(5), () -> search.search(tenant,
        new SearchRequest("", Filters.NONE, SearchRequest.Order.TIME, null, 1)).total(), n -> n == expected);
  }

  /** A new company with some of everything, and a credential no test needs to know. */
  Estate.Company company() {
    return estate.company("Acme", "secret-" + UUID.randomUUID());
  }

  /** A company indexed, then changed in every way ({@link Estate#change}) and indexed again. */
  Estate.Company changedCompany() {
    Estate.Company c = company();
    estate.follower.catchUp(c.tenant());
    estate.change(c);
    estate.follower.catchUp(c.tenant());
    return c;
  }
}
