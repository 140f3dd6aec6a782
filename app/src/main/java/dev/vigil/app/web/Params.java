package dev.vigil.app.web;

import java.util.List;

/** Query parameters of the pages, as the resources read them. */
final class Params {

  private Params() {}

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * A list filter's value: null when left out or blank (no filter), else one of the values the
   * page's form {@code offers}. Any other value is refused: ignoring it would show a list the
   * address does not ask for.
   */
  static String choice(WebSession session, String name, String value, List<String> offers) {
    if (blank(value)) return null;
    if (offers.contains(value)) return value;
    throw PageRefused.badAddress(session, name + " must be one of " + String.join(", ", offers) + ", or left out; '"
        + value + "' is none of them.");
  }

  /** A keyset cursor: "" (the first page) when absent. */
  static String cursor(String after) {
    return blank(after) ? "" : after;
  }
}
