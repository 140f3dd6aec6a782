package dev.vigil.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.evidence.docs.Documents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenants are isolated: two companies with every type of document, alike down to an agent's
 * name, and nothing asked of company A, whether a query, a filter, a lookup or a cursor taken
 * from B, returns anything of B. Every test here only reads, so they share the two companies.
 */
abstract class IsolationContract extends WithEstate {

  private Estate.Company a;
  private Estate.Company b;
  /** Every document of A, by uid. */
  private Set<String> ofA;
  /** Every id of B: its tenant, its objects, runs, findings and evidence items, and its entries' hashes. */
  private Set<String> idsOfB;
  private String runOfB;

  IsolationContract(TestDb.Kind kind) {
    super(kind);
  }

  @BeforeAll
  void fill() {
    a = company();
    b = company();
    estate.follower.catchUp(a.tenant());
    estate.follower.catchUp(b.tenant());
    ofA = estate.everything(a.tenant()).stream().map(IsolationContract::uid).collect(Collectors.toSet());
    List<Hit> everythingOfB = estate.everything(b.tenant());
    idsOfB = new HashSet<>(List.of(b.tenant()));
    for (Hit h : everythingOfB) {
      if (h.type() != DocType.ENTRY) idsOfB.add(h.id());
      idsOfB.add(h.hash());
      h.refs().forEach((kind, id) -> {
        // Control ids are the catalog's, the same in every tenant.
        if (!kind.equals(Fields.CONTROL_ID) && !id.equals(Documents.NO_GRANT)) idsOfB.add(id);
      });
    }
    runOfB = everythingOfB.stream().filter(h -> h.type() == DocType.RUN).findFirst().orElseThrow().id();
  }

  @Test
  void queriesForAnotherTenantsIdsFindNothing() {
    for (String q : List.of("agentId:" + b.agent(), "subject:" + b.wildGrant(), "grantId:" + b.narrowGrant(),
        "runId:" + runOfB, b.connection(), "connectionId:" + b.connection(), "vendorId:" + b.vendor(), b.incident(),
        b.tenant(), "\"" + b.agent() + "\"")) {
      assertThat(searchA(q, Filters.NONE).total()).as(q).isZero();
    }
  }

  @Test
  void queriesForWhatBothHaveFindOnlyTheTenantsOwn() {
    for (String q : List.of("", "*:*", "\"sales-assistant\"", "agent:sales-assistant", "vendor:Salesforce",
        "\"Leaked API key\"", "type:run", "crm")) {
      List<Hit> hits = allPages(q, Filters.NONE, null);
      assertThat(hits).as(q).isNotEmpty();
      assertOnlyA(q, hits);
    }
    assertThat(allPages("\"sales-assistant\"", Filters.NONE, null)).extracting(Hit::id).contains(a.otherAgent());
  }

  @Test
  void theTenantIsNoFieldToQuery() {
    for (String q : List.of("tenantId:" + b.tenant(), "_tenant:" + b.tenant(), "*:* OR _tenant:" + b.tenant())) {
      Rejected r = catchThrowableOfType(Rejected.class, () -> searchA(q, Filters.NONE));
      assertThat(r).as(q).isNotNull();
      assertThat(r.reason()).isEqualTo(Rejected.Reason.MALFORMED);
    }
  }

  @Test
  void filtersByAnotherTenantsIdsMatchNothing() {
    List<Filters> filters = List.of(
        new Filters(null, null, null, null, b.agent(), null, null, null, null, null),
        new Filters(null, null, null, null, null, b.connection(), null, null, null, null),
        new Filters(null, null, null, null, null, null, b.vendor(), null, null, null),
        new Filters(DocType.AGENT, null, null, null, b.otherAgent(), null, null, null, null, null));
    for (Filters f : filters) {
      SearchResult r = searchA("", f);
      assertThat(r.total()).as(f.toString()).isZero();
      assertThat(r.items()).isEmpty();
    }
  }

  @Test
  void lookupsOfAnotherTenantsIdsFindNothing() {
    for (Hit h : estate.everything(b.tenant())) {
      if (h.type() == DocType.ENTRY) {
        // Seqs are per chain: A's entry of the same seq, never B's.
        estate.index.find(a.tenant(), h.type(), h.id())
            .ifPresent(mine -> assertThat(mine.hash()).as("entry %s", h.id()).isNotEqualTo(h.hash()));
      } else {
        assertThat(estate.index.find(a.tenant(), h.type(), h.id())).as(uid(h)).isEmpty();
      }
    }
  }

  @Test
  void cursorsOfAnotherTenantPageOnlyTheTenantsOwn() {
    for (SearchRequest.Order order : SearchRequest.Order.values()) {
      String q = order == SearchRequest.Order.TIME ? "" : "crm";
      String cursor = null;
      List<String> cursors = new ArrayList<>();
      do {
        cursor = estate.index.search(b.tenant(), new SearchRequest(q, Filters.NONE, order, cursor, 13)).nextCursor();
        if (cursor != null) cursors.add(cursor);
      } while (cursor != null);
      assertThat(cursors).isNotEmpty();
      for (String theirs : cursors) assertOnlyA(theirs, allPages(q, Filters.NONE, order, theirs));
    }
  }

  @Test
  void noDocumentOfTheTenantCarriesAnIdOfAnother() {
    for (Hit h : estate.everything(a.tenant())) {
      Hit whole = estate.index.find(a.tenant(), h.type(), h.id()).orElseThrow();
      String text = whole.toString();
      assertThat(idsOfB).as(uid(h)).noneMatch(text::contains);
    }
  }

  private void assertOnlyA(String what, List<Hit> hits) {
    for (Hit h : hits) {
      assertThat(ofA).as("%s: %s is A's", what, uid(h)).contains(uid(h));
      List<String> carried = new ArrayList<>(h.refs().values());
      carried.add(h.id());
      carried.add(h.hash());
      assertThat(idsOfB).as("%s: %s", what, uid(h)).doesNotContainAnyElementsOf(carried);
    }
  }

  private SearchResult searchA(String q, Filters filters) {
    return estate.index.search(a.tenant(), new SearchRequest(q, filters, SearchRequest.Order.TIME, null, 50));
  }

  private List<Hit> allPages(String q, Filters filters, String cursor) {
    return allPages(q, filters, SearchRequest.Order.TIME, cursor);
  }

  /** Every page of A's search from {@code cursor}. */
  private List<Hit> allPages(String q, Filters filters, SearchRequest.Order order, String cursor) {
    List<Hit> out = new ArrayList<>();
    String next = cursor;
    do {
      SearchResult page = estate.index.search(a.tenant(), new SearchRequest(q, filters, order, next, 50));
      out.addAll(page.items());
      next = page.nextCursor();
    } while (next != null);
    return out;
  }

  private static String uid(Hit h) {
    return EvidenceDoc.uid(h.type(), h.id());
  }
}
