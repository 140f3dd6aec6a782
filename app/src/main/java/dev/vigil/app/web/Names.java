package dev.vigil.app.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The names of what a page mentions by id (owners, vendors, agents), one look-up each: a page's
 * worth, never a population. An id nothing has stands for itself.
 */
final class Names {

  private Names() {}

  static Map<String, String> of(Stream<String> ids, Function<String, Optional<String>> name) {
    Map<String, String> names = new HashMap<>();
    ids.filter(Objects::nonNull).distinct().forEach(id -> names.put(id, name.apply(id).orElse(id)));
    return names;
  }
}
