package dev.vigil.controls.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scope grammar of grants. A scope is {@code resource:verb}; {@code resource:*} allows
 * every verb on a resource, {@code *} allows everything, and {@code admin} is an admin scope.
 * An action is always a concrete {@code resource:verb}. Stateless.
 */
public final class Scopes {

  private static final String NAME = "[a-z0-9][a-z0-9_.-]{0,62}";
  private static final Pattern SCOPE = Pattern.compile(NAME + ":(" + NAME + "|\\*)");
  private static final Pattern ACTION = Pattern.compile(NAME + ":" + NAME);

  private Scopes() {}

  /** Why {@code scope} is not a valid scope, or empty when it is. */
  public static Optional<String> problem(String scope) {
    if (scope == null) return Optional.of("a scope may not be null");
    if (scope.equals("*") || scope.equals("admin") || SCOPE.matcher(scope).matches()) {
      return Optional.empty();
    }
    return Optional.of("'" + scope + "' is not a scope: use resource:verb, resource:*, * or admin"
        + " (lowercase letters, digits, _ . -)");
  }

  /** Whether {@code action} is a concrete {@code resource:verb}. */
  public static boolean isAction(String action) {
    return action != null && ACTION.matcher(action).matches();
  }

  /** Whether {@code scope} allows {@code action}: an exact match, {@code resource:*} or {@code *}. */
  public static boolean allows(String scope, String action) {
    if (scope.equals("*")) return true;
    if (scope.equals(action)) return true;
    if (scope.endsWith(":*")) {
      String resource = scope.substring(0, scope.length() - 1);
      return action.startsWith(resource);
    }
    return false;
  }

  /** Whether {@code scope} is a wildcard or admin scope, which least privilege forbids. */
  public static boolean isBroad(String scope) {
    return scope.equals("*") || scope.equals("admin") || scope.endsWith(":*");
  }
}
