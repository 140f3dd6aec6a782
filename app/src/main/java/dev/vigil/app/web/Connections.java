package dev.vigil.app.web;

import dev.vigil.controls.model.Connection;

/** How the pages show a connection's status: in words, never in colour alone. */
final class Connections {

  private Connections() {}

  static Status status(Connection c) {
    return c.retired() ? new Status("na", "Retired") : new Status("passing", "Active");
  }
}
