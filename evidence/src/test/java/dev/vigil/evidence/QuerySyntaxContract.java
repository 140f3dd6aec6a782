package dev.vigil.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.testing.TestDb;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a query may say: a query that does not parse, names a field the index lacks, or would
 * cost too much is refused as malformed (400) with a message naming the problem, never with
 * another exception; one too long to read is invalid (422). Correct syntax finds what it says.
 * Every test here only reads, so they share one company.
 */
abstract class QuerySyntaxContract extends WithEstate {

  private Estate.Company c;

  QuerySyntaxContract(TestDb.Kind kind) {
    super(kind);
  }

  @BeforeAll
  void fill() {
    c = company();
    estate.follower.catchUp(c.tenant());
  }

  /** Each bad query, and a piece of the message that names its problem. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("agent:(", "Cannot parse 'agent:('"),
        Arguments.of("*foo", "not allowed as first character"),
        Arguments.of("title:?oo", "not allowed as first character"),
        Arguments.of("body:/(.*a){30}/", "may begin with any character"),
        Arguments.of("/.*password/", "may begin with any character"),
        Arguments.of("body:/[ab]*a[ab]{20}/", "too costly"),
        Arguments.of("body:/.{0,1000}x.{0,1000}/", "too costly"),
        Arguments.of(ideographs(0, 2_000), "too many boolean clauses"),
        Arguments.of("(" + ideographs(0, 700) + ") OR (" + ideographs(700, 700) + ")", "too many nested clauses"),
        Arguments.of("nofield:x", "no field nofield"),
        Arguments.of("tenantId:x", "no field tenantId"),
        Arguments.of("_tenant:x", "no field _tenant"),
        Arguments.of("status:open AND -nofield:x", "no field nofield"),
        Arguments.of("time:[yesterday TO *]", "yesterday is not an ISO-8601 date or instant"),
        Arguments.of("time:2026-13-45", "2026-13-45 is not an ISO-8601 date"),
        Arguments.of("seq:[x TO 5]", "x is not a whole number"),
        Arguments.of("seq:{9223372036854775807 TO *]", "overflow"),
        Arguments.of("time:2026*", "time is a time field, which takes a value or a range"),
        Arguments.of("resolved:2026*", "resolved is a time field"),
        Arguments.of("seq:1?3", "seq is a number field"),
        Arguments.of("seq:/1.*/", "seq is a number field"),
        Arguments.of("seq:12~", "seq is a number field"));
  }

  @ParameterizedTest
  @MethodSource
  void malformed(String q, String problem) {
    Rejected r = rejected(q, null, SearchRequest.Order.TIME);

    assertThat(r.reason()).as(r.getMessage()).isEqualTo(Rejected.Reason.MALFORMED);
    assertThat(r.getMessage()).startsWith("q: ").contains(problem);
  }

  @Test
  void aCursorOfGarbageIsMalformed() {
    String cut = Base64.getUrlEncoder().withoutPadding().encodeToString("t|1795769394000|entry/".getBytes(UTF_8));
    String noType = Base64.getUrlEncoder().withoutPadding().encodeToString("t|1795769394000|nope/12".getBytes(UTF_8));
    for (String garbage : List.of("garbage", "!!!", "dHxub3QtYS1udW1iZXJ8eA", "", cut, noType)) {
      Rejected r = rejected("", garbage, SearchRequest.Order.TIME);
      assertThat(r.reason()).as(garbage).isEqualTo(Rejected.Reason.MALFORMED);
      assertThat(r.getMessage()).as(garbage).startsWith("cursor: ");
    }
  }

  @Test
  void aCursorOfOneOrderIsMalformedInTheOther() {
    String byTime = search("", null, SearchRequest.Order.TIME, 5).nextCursor();
    String byRelevance = search("crm", null, SearchRequest.Order.RELEVANCE, 5).nextCursor();

    Rejected r = rejected("crm", byTime, SearchRequest.Order.RELEVANCE);
    assertThat(r.reason()).isEqualTo(Rejected.Reason.MALFORMED);
    assertThat(r.getMessage()).contains("cursor").contains("sort=relevance");
    assertThat(rejected("", byRelevance, SearchRequest.Order.TIME).getMessage()).contains("sort=time");
  }

  @Test
  void aQueryLongerThan2000CharactersIsInvalid() {
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) terms.add("t" + i);
    // 2,000 terms ORed are far longer than 2,000 characters: refused before parsing.
    Rejected r = rejected(String.join(" OR ", terms), null, SearchRequest.Order.TIME);

    assertThat(r.reason()).isEqualTo(Rejected.Reason.INVALID);
    assertThat(r.getMessage()).isEqualTo("q: longer than 2000 characters");
    assertThat(rejected("x".repeat(2_001), null, SearchRequest.Order.TIME).reason())
        .isEqualTo(Rejected.Reason.INVALID);
    assertThat(search("x".repeat(2_000), null, SearchRequest.Order.TIME, 10).total()).isZero();
  }

  @Test
  void aPhraseFindsItsWordsInOrder() {
    SearchResult r = search("\"Leaked API key\"", null, SearchRequest.Order.RELEVANCE, 10);

    assertThat(r.items()).extracting(Hit::id).contains(c.incident());
    assertThat(r.items()).allSatisfy(h -> assertThat(h.snippet()).contains("<mark>"));
    assertThat(search("\"key Leaked API\"", null, SearchRequest.Order.RELEVANCE, 10).total()).isZero();
  }

  @Test
  void aDayRangeCoversTheWholeDay() {
    long all = search("", null, SearchRequest.Order.TIME, 1).total();

    assertThat(search("time:[2026-11-26 TO 2026-11-26]", null, SearchRequest.Order.TIME, 1).total()).isEqualTo(all);
    assertThat(search("time:2026-11-26", null, SearchRequest.Order.TIME, 1).total()).isEqualTo(all);
    assertThat(search("time:[2026-11-27 TO *]", null, SearchRequest.Order.TIME, 1).total()).isZero();
    assertThat(search("time:[* TO 2026-11-25]", null, SearchRequest.Order.TIME, 1).total()).isZero();
    assertThat(search("time:[2026-11-26T11:59:00Z TO 2026-11-26T11:59:59.999Z] AND type:entry", null,
        SearchRequest.Order.TIME, 10).items()).extracting(Hit::type).isNotEmpty().containsOnly(DocType.ENTRY);
  }

  @Test
  void aSeqRangeFindsThoseEntries() {
    Filters entries = new Filters(DocType.ENTRY, null, null, null, null, null, null, null, null, null);
    SearchResult r = search("seq:[1 TO 5]", entries, SearchRequest.Order.TIME, 10);

    assertThat(r.total()).isEqualTo(5);
    assertThat(r.items()).extracting(Hit::seq).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    assertThat(search("seq:[1 TO 5]", null, SearchRequest.Order.TIME, 1).facets().get(Fields.TYPE))
        .contains(new SearchResult.FacetCount("entry", 5));
    assertThat(search("seq:{1 TO 5}", entries, SearchRequest.Order.TIME, 1).total()).isEqualTo(3);
  }

  @Test
  void aFindingAboutAGrantIsFoundByTheGrantsAgentAndConnection() {
    SearchResult byName = search("type:finding AND controlId:AC-1 AND agent:sales-assistant", null,
        SearchRequest.Order.TIME, 10);
    assertThat(byName.items()).as("the wildcard grant's finding").extracting(h -> h.refs().get(Fields.GRANT_ID))
        .containsExactly(c.wildGrant());
    assertThat(search("type:finding AND agentId:" + c.otherAgent() + " AND connectionId:" + c.connection(), null,
        SearchRequest.Order.TIME, 10).total()).isEqualTo(byName.total());
    assertThat(search("type:finding AND controlId:AC-1 AND agent:support-triage", null, SearchRequest.Order.TIME, 10)
        .total()).as("the other agent's narrow grant passes AC-1").isZero();
  }

  @Test
  void fieldsAndOperatorsCombine() {
    long open = estate.jdbi.withHandle(h -> h.createQuery(
        "SELECT count(*) FROM findings WHERE tenant_id = :t AND status = 'OPEN'").bind("t", c.tenant())
        .mapTo(Long.class).one());

    assertThat(open).isPositive();
    assertThat(search("type:finding AND status:open", null, SearchRequest.Order.TIME, 1).total()).isEqualTo(open);
    assertThat(search("agent:support-triage AND action:crm\\:write", null, SearchRequest.Order.TIME, 10).items())
        .extracting(Hit::title).containsExactly("support-triage crm:write account/9 on CRM (success)");
    assertThat(search("type:agent NOT agent:support-triage", null, SearchRequest.Order.TIME, 10).items())
        .extracting(Hit::id).containsExactly(c.otherAgent());
  }

  @Test
  void runsThatFoundNothingToTestAreFoundByTheirResult() {
    long notApplicable = estate.jdbi.withHandle(h -> h.createQuery(
        "SELECT count(*) FROM control_runs WHERE tenant_id = :t AND result = 'NOT_APPLICABLE'").bind("t", c.tenant())
        .mapTo(Long.class).one());

    assertThat(notApplicable).as("its only incident is not resolved: IR-3").isPositive();
    SearchResult r = search("type:run AND status:not_applicable", null, SearchRequest.Order.TIME, 50);
    assertThat(r.total()).isEqualTo(notApplicable);
    assertThat(r.items()).extracting(Hit::title).allMatch(t -> t.contains(": not_applicable (0 failing of 0)"));
    assertThat(search("type:run", null, SearchRequest.Order.TIME, 1).facets().get(Fields.STATUS))
        .contains(new SearchResult.FacetCount("not_applicable", notApplicable));
  }

  @Test
  void pagesInRelevanceOrderNeitherRepeatNorSkip() {
    long total = search("crm", null, SearchRequest.Order.RELEVANCE, 1).total();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int items = 0;
    do {
      SearchResult page = search("crm", null, SearchRequest.Order.RELEVANCE, 7, cursor);
      for (Hit h : page.items()) assertThat(seen.add(EvidenceDoc.uid(h.type(), h.id()))).as("repeated").isTrue();
      items += page.items().size();
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(total).isGreaterThan(7);
    assertThat(items).isEqualTo(total);
  }

  private SearchResult search(String q, Filters filters, SearchRequest.Order order, int limit) {
    return search(q, filters, order, limit, null);
  }

  private SearchResult search(String q, Filters filters, SearchRequest.Order order, int limit, String cursor) {
    return estate.index.search(c.tenant(), new SearchRequest(q, filters == null ? Filters.NONE : filters, order,
        cursor, limit));
  }

  private Rejected rejected(String q, String cursor, SearchRequest.Order order) {
    Rejected r = catchThrowableOfType(Rejected.class, () -> search(q, null, order, 10, cursor));
    assertThat(r).as("%s is refused", q.length() > 60 ? q.substring(0, 60) + "…" : q).isNotNull();
    return r;
  }

  /** {@code n} CJK ideographs from the {@code from}th: the analyser makes a term of each. */
  private static String ideographs(int from, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = from; i < from + n; i++) out.append((char) (0x4e00 + i));
    return out.toString();
  }
}
