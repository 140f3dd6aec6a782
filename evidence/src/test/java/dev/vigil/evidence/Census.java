package dev.vigil.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Counting a tenant's documents on both sides: what the database says the index should hold
 * (read with plain queries, not through the code under test), and what the index holds, by its
 * type facet, by totals filtered to each type, and by reading every document.
 */
final class Census {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Census() {}

  /**
   * The ids the tenant's documents of each type should have: one entry per seq up to the head,
   * one document per row of each table, and one evidence item per member a run's evidence
   * lists (when it lists them; per failing or excused subject when it does not).
   */
  static Map<DocType, Set<String>> database(Jdbi jdbi, String tenant) {
    return jdbi.withHandle(h -> {
      Map<DocType, Set<String>> out = new EnumMap<>(DocType.class);
      long head = h.createQuery("SELECT seq FROM audit_heads WHERE tenant_id = :t").bind("t", tenant)
          .mapTo(Long.class).findOne().orElse(0L);
      out.put(DocType.ENTRY, LongStream.rangeClosed(1, head).mapToObj(Long::toString).collect(Collectors.toSet()));
      out.put(DocType.RUN, ids(h, "SELECT id FROM control_runs WHERE tenant_id = :t", tenant));
      out.put(DocType.FINDING, ids(h, "SELECT id FROM findings WHERE tenant_id = :t", tenant));
      out.put(DocType.AGENT, ids(h, "SELECT id FROM agents WHERE tenant_id = :t", tenant));
      out.put(DocType.GRANT, ids(h, "SELECT id FROM grants WHERE tenant_id = :t", tenant));
      out.put(DocType.CONNECTION, ids(h, "SELECT id FROM connections WHERE tenant_id = :t", tenant));
      out.put(DocType.VENDOR, ids(h, "SELECT id FROM vendors WHERE tenant_id = :t", tenant));
      out.put(DocType.INCIDENT, ids(h, "SELECT id FROM incidents WHERE tenant_id = :t", tenant));
      Set<String> items = new HashSet<>();
      h.createQuery("SELECT id, evidence FROM control_runs WHERE tenant_id = :t").bind("t", tenant)
          .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("evidence")))
          .forEach(run -> members(parse(run.getValue())).forEach(m -> items.add(run.getKey() + ":" + m)));
      out.put(DocType.EVIDENCE, items);
      return out;
    });
  }

  private static Set<String> ids(Handle h, String sql, String tenant) {
    return new HashSet<>(h.createQuery(sql).bind("t", tenant).mapTo(String.class).list());
  }

  /** The members a run's evidence record names, as the issue defines evidence items. */
  private static Set<String> members(JsonNode evidence) {
    Set<String> out = new TreeSet<>();
    if (evidence.path("membersListed").asBoolean()) {
      evidence.path("members").forEach(m -> out.add(m.asText()));
    } else {
      evidence.path("exceptions").forEach(x -> out.add(x.path("subjectId").asText()));
      evidence.path("excused").forEach(x -> out.add(x.path("subjectId").asText()));
    }
    return out;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many of each type {@code ids} holds, every type listed. */
  static Map<DocType, Long> sizes(Map<DocType, Set<String>> ids) {
    Map<DocType, Long> out = zeros();
    ids.forEach((type, set) -> out.put(type, (long) set.size()));
    return out;
  }

  /** The index's count of each type, as the {@code type} facet of a search of everything gives it. */
  static Map<DocType, Long> byFacet(EvidenceSearch search, String tenant) {
    Map<DocType, Long> out = zeros();
    SearchResult all = search.search(tenant, new SearchRequest("", Filters.NONE, SearchRequest.Order.TIME, null, 1));
    for (SearchResult.FacetCount c : all.facets().get(Fields.TYPE)) {
      out.put(DocType.fromWire(c.value()).orElseThrow(), c.count());
    }
    return out;
  }

  /** The index's count of each type, as the total of a search filtered to the type gives it. */
  static Map<DocType, Long> byFilter(EvidenceSearch search, String tenant) {
    Map<DocType, Long> out = zeros();
    for (DocType type : DocType.values()) {
      Filters only = new Filters(type, null, null, null, null, null, null, null, null, null);
      out.put(type, search.search(tenant, new SearchRequest("", only, SearchRequest.Order.TIME, null, 1)).total());
    }
    return out;
  }

  /** The ids of each type among {@code hits}, every type listed. */
  static Map<DocType, Set<String>> ids(List<Hit> hits) {
    Map<DocType, Set<String>> out = new EnumMap<>(DocType.class);
    for (DocType t : DocType.values()) out.put(t, new HashSet<>());
    hits.forEach(h -> out.get(h.type()).add(h.id()));
    return out;
  }

  /** The uids that appear more than once among {@code hits}, with how often. */
  static Map<String, Long> repeated(List<Hit> hits) {
    Map<String, Long> out = new TreeMap<>(hits.stream()
        .collect(Collectors.groupingBy(h -> EvidenceDoc.uid(h.type(), h.id()), Collectors.counting())));
    out.values().removeIf(n -> n == 1);
    return out;
  }

  /**
   * Asserts that the index holds each document the database implies exactly once: the type
   * facet and the filtered totals equal the database's counts, reading every document finds
   * each id once, and no other.
   */
  static void assertMatches(EvidenceSearch search, Jdbi jdbi, String tenant) {
    Map<DocType, Set<String>> expected = database(jdbi, tenant);
    Map<DocType, Long> counts = sizes(expected);
    assertThat(byFacet(search, tenant)).as("the type facet against the database").isEqualTo(counts);
    assertThat(byFilter(search, tenant)).as("totals filtered by type against the database").isEqualTo(counts);
    List<Hit> all = Estate.everything(search, tenant);
    assertThat(repeated(all)).as("uids indexed more than once").isEmpty();
    assertThat(ids(all)).as("the ids of each type against the database").isEqualTo(expected);
  }

  private static Map<DocType, Long> zeros() {
    Map<DocType, Long> out = new EnumMap<>(DocType.class);
    for (DocType t : DocType.values()) out.put(t, 0L);
    return out;
  }
}
