package dev.vigil.app.web;

import java.util.Locale;

/** Values of the API's enums as the pages say them: "approved_with_conditions" reads "Approved with conditions". */
final class Labels {

  private Labels() {}

  static String of(String wire) {
    String words = wire.replace('_', ' ');
    return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }
}
