package dev.vigil.app.web;

/** Query parameters of the pages, as the resources read them. */
final class Params {

  private Params() {}

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** A keyset cursor: "" (the first page) when absent. */
  static String cursor(String after) {
    return blank(after) ? "" : after;
  }
}
