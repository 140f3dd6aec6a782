package dev.vigil.app.web;

import dev.vigil.controls.catalog.Family;

/** A control family as a heading names it. */
final class FamilyNames {

  private FamilyNames() {}

  static String of(Family family) {
    return switch (family) {
      case LEAST_PRIVILEGE -> "Least privilege";
      case ENCRYPTION -> "Encryption";
      case LOGGING -> "Logging and monitoring";
      case VENDORS -> "Vendors";
      case INCIDENTS -> "Incidents";
    };
  }
}
