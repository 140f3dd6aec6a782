package dev.vigil.controls.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/** A control family. Each family runs on its own schedule; {@link #wire()} names it in config and JSON. */
public enum Family {
  LEAST_PRIVILEGE("least-privilege"),
  ENCRYPTION("encryption"),
  LOGGING("logging"),
  VENDORS("vendors"),
  INCIDENTS("incidents");

  private final String wire;

  Family(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The family named {@code wire}, or an exception naming the known ones. */
  public static Family of(String wire) {
    for (Family f : values()) {
      if (f.wire.equals(wire)) return f;
    }
    throw new IllegalArgumentException("unknown control family '" + wire
        + "': use least-privilege, encryption, logging, vendors or incidents");
  }
}
