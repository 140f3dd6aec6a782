package dev.vigil.app.web;

import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.model.User;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** The names of the users a page mentions (owners, people in a history), by id: one look-up each. */
final class UserNames {

  private UserNames() {}

  /** The names of {@code ids} (nulls skipped) in the tenant; an id no user has stands for itself. */
  static Map<String, String> of(UserStore users, String tenantId, Stream<String> ids) {
    Map<String, String> names = new HashMap<>();
    ids.filter(Objects::nonNull).distinct()
        .forEach(id -> names.put(id, users.find(tenantId, id).map(User::name).orElse(id)));
    return names;
  }
}
