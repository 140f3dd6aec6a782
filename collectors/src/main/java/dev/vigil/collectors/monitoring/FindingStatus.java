package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a finding stands: open while its member fails; resolved once the member passes (its
 * time to remediate ends there); excused while an approved exception covers the member,
 * which is not a fix, so it keeps no resolution time and reopens when the exception ends and
 * the member still fails.
 */
public enum FindingStatus {
  OPEN,
  RESOLVED,
  EXCUSED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named {@code wire} ("open"), or null when there is none. */
  public static FindingStatus ofWire(String wire) {
    for (FindingStatus s : values()) {
      if (s.wire().equals(wire)) return s;
    }
    return null;
  }
}
