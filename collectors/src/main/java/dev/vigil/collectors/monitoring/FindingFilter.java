package dev.vigil.collectors.monitoring;

import dev.vigil.controls.catalog.FindingSeverity;
import java.time.Instant;

/**
 * Which findings a list keeps; each part applies when it is not null. {@code dueBefore}
 * keeps the open findings due before it: the overdue ones at that instant. {@code openedBefore}
 * keeps the findings opened before it: those older than an age.
 */
public record FindingFilter(String controlId, FindingStatus status, FindingSeverity severity, String ownerId,
    Instant dueBefore, Instant openedBefore) {

  /** Every finding. */
  public static final FindingFilter ALL = new FindingFilter(null, null, null, null, null, null);

  /** The findings of one control. */
  public static FindingFilter ofControl(String controlId) {
    return new FindingFilter(controlId, null, null, null, null, null);
  }
}
