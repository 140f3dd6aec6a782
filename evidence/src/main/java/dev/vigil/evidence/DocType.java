package dev.vigil.evidence;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of document the evidence index holds; {@link #wire} is the name the API and queries use. */
public enum DocType {
  /** One audit entry of any kind: a change, a decision, an agent's action. */
  ENTRY("entry"),
  /** One control run. */
  RUN("run"),
  /** One member a control run examined, with its result. */
  EVIDENCE("evidence"),
  /** One finding, open or resolved. */
  FINDING("finding"),
  AGENT("agent"),
  GRANT("grant"),
  CONNECTION("connection"),
  VENDOR("vendor"),
  INCIDENT("incident");

  private final String wire;

  DocType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /**
   * Whether a document of this type is replaced as its subject changes (a finding, an agent's
   * current state); entries, runs and evidence items never change once written.
   */
  public boolean changes() {
    return switch (this) {
      case ENTRY, RUN, EVIDENCE -> false;
      case FINDING, AGENT, GRANT, CONNECTION, VENDOR, INCIDENT -> true;
    };
  }

  public static Optional<DocType> fromWire(String s) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(s)).findFirst();
  }
}
