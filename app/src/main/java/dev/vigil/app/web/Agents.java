package dev.vigil.app.web;

import dev.vigil.controls.model.Agent;

/** How the pages show an agent's status: in words, never in colour alone. */
final class Agents {

  private Agents() {}

  static Status status(Agent a) {
    return switch (a.status()) {
      case ACTIVE -> new Status("passing", "Active");
      case SUSPENDED -> new Status("error", "Suspended");
      case RETIRED -> new Status("na", "Retired");
    };
  }
}
