package dev.vigil.app.web;

import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.model.User;
import java.util.Map;
import java.util.stream.Stream;

/** The names of the users a page mentions (owners, people in a history), by id: one look-up each. */
final class UserNames {

  private UserNames() {}

  /** The names of {@code ids} (nulls skipped) in the tenant; an id no user has stands for itself. */
  static Map<String, String> of(UserStore users, String tenantId, Stream<String> ids) {
    return Names.of(ids, id -> users.find(tenantId, id).map(User::name));
  }
}
