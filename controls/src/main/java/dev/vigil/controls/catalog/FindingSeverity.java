package dev.vigil.controls.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Severity;
import java.util.Locale;

/**
 * How urgent a finding is. A control declares the severity of its findings
 * ({@link ControlDeclaration.Builder#severity}); the member's own weight then moves it one
 * step: a member whose vendor is critical (or a sev1 incident) raises it, a low-criticality
 * member (or a sev4 incident) lowers it. So a wildcard grant, medium on its own, is high on a
 * connection whose vendor is critical. The order is from least to most urgent.
 */
public enum FindingSeverity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The severity of a finding on a member of {@code weight}; this severity when the member has none. */
  public FindingSeverity forMember(Criticality weight) {
    if (weight == null) return this;
    FindingSeverity[] all = values();
    return switch (weight) {
      case CRITICAL -> all[Math.min(ordinal() + 1, all.length - 1)];
      case LOW -> all[Math.max(ordinal() - 1, 0)];
      case MEDIUM, HIGH -> this;
    };
  }

  /** An incident's weight as a member: sev1 critical, sev2 high, sev3 medium, sev4 low. */
  public static Criticality weightOf(Severity incident) {
    return switch (incident) {
      case SEV1 -> Criticality.CRITICAL;
      case SEV2 -> Criticality.HIGH;
      case SEV3 -> Criticality.MEDIUM;
      case SEV4 -> Criticality.LOW;
    };
  }

  /** The severity named {@code wire} ("high"), or null when there is none. */
  public static FindingSeverity ofWire(String wire) {
    for (FindingSeverity s : values()) {
      if (s.wire().equals(wire)) return s;
    }
    return null;
  }
}
