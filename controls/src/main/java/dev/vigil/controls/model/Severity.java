package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Incident severity, which sets the containment SLA (sev1 4h, sev2 24h, sev3 72h, sev4 7d). */
public enum Severity {
  SEV1,
  SEV2,
  SEV3,
  SEV4;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
