package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a vendor is still in use; only active vendors need yearly reviews. */
public enum VendorStatus {
  ACTIVE,
  INACTIVE;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
