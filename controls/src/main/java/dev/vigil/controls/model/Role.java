package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a token or user may do within its tenant. */
public enum Role {
  /** Everything in its tenant. */
  ADMIN,
  /** Reads everything, runs controls, works findings, makes reports. */
  COMPLIANCE,
  /** Read-only: controls, findings, evidence, reports, audit export. */
  AUDITOR,
  /** Reports events and asks decisions for any agent of its tenant. */
  INGEST,
  /** Bound to one agent: authorize, lease, report its own events. */
  AGENT;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Roles a dashboard user can hold; ingest and agent are for machines only. */
  public boolean forPeople() {
    return this == ADMIN || this == COMPLIANCE || this == AUDITOR;
  }
}
