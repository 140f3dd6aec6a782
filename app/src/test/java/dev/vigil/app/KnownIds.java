package dev.vigil.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The ids one tenant's lists show, by the collection they were listed under ({@code agents},
 * {@code grants}, {@code runs}...), gathered by walking every list endpoint; a search's items
 * count under the collection before {@code search}. Evidence documents add their {@code type}s.
 */
final class KnownIds {

  private final Map<String, Set<String>> byCollection = new LinkedHashMap<>();

  /** Records the {@code id} (and {@code type}) of each item of a list answer under {@code collection}. */
  void collect(String collection, JsonNode answer) {
    for (JsonNode item : answer.path("items")) {
      if (item.path("id").isTextual()) add(collection, item.get("id").asText());
      if (item.path("type").isTextual()) add("type", item.get("type").asText());
    }
  }

  void add(String collection, String id) {
    byCollection.computeIfAbsent(collection, k -> new LinkedHashSet<>()).add(id);
  }

  /** The ids listed under {@code collection}; empty when none were. */
  List<String> of(String collection) {
    return List.copyOf(byCollection.getOrDefault(collection, Set.of()));
  }

  /** Every id of every collection. */
  List<String> all() {
    List<String> out = new ArrayList<>();
    byCollection.forEach((k, v) -> {
      if (!k.equals("type")) out.addAll(v);
    });
    return out;
  }

  /** One id of {@code collection}, or of any collection when it has none; null when nothing is known. */
  String pick(String collection, Random random) {
    List<String> ids = of(collection);
    if (ids.isEmpty()) ids = all();
    return ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
  }

  @Override
  public String toString() {
    return byCollection.toString();
  }
}
