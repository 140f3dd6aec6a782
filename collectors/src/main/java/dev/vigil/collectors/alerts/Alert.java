package dev.vigil.collectors.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * A control of a tenant changed status in a run: what an alert tells the webhooks.
 *
 * @param tenantId the tenant whose control changed
 * @param controlId the control, such as {@code CC6.1}
 * @param title the control's title, for a human reading the alert
 * @param previousStatus the status before this run, or {@code null} on the control's first run
 * @param status the status now: {@code passing}, {@code failing}, {@code error} or {@code not_run}
 * @param runId the run that observed the change, or {@code null}
 * @param at when the run evaluated the control
 * @param openFindings findings of the control that are open now
 * @param exceptions active exceptions that cover findings of the control
 */
public record Alert(String tenantId, String controlId, String title, String previousStatus, String status,
    String runId, Instant at, long openFindings, long exceptions) {

  public Alert {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(controlId, "controlId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
  }
}
