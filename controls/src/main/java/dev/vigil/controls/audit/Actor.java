package dev.vigil.controls.audit;

import java.util.Objects;

/**
 * Who made a change: a {@code type} ({@code token}, {@code user}, {@code system}, {@code cli})
 * and the id of that token, user or component. Never a secret.
 */
public record Actor(String type, String id) {

  public Actor {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }

  public static Actor system(String component) {
    return new Actor("system", component);
  }
}
