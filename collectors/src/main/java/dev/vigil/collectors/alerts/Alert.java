package dev.vigil.collectors.alerts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.controls.audit.CanonicalJson;
import dev.vigil.controls.catalog.Control;
import java.time.Instant;
import java.util.Objects;

/**
 * A control of a tenant changed status in a run: what an alert tells the webhooks.
 *
 * @param tenantId the tenant whose control changed
 * @param controlId the control, such as {@code CC6.1}
 * @param title the control's title, for a human reading the alert
 * @param previousStatus the status before this run, or {@code null} on the control's first run
 * @param status the status now: {@code passing}, {@code failing}, {@code error} or {@code not_applicable}
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

  /** What a run that changed {@code control}'s status tells the webhooks. */
  public static Alert of(Control control, RunRecorder.Outcome outcome) {
    return new Alert(outcome.run().tenantId(), control.id(), control.info().title(), outcome.previous().wire(),
        outcome.status().wire(), outcome.run().id(), outcome.run().finishedAt(), outcome.openFindings(),
        outcome.run().exceptionCount());
  }

  /**
   * The body a receiver gets: canonical JSON (RFC 8785) of the type
   * {@code control.status_changed} and every field above, {@code at} in ISO-8601.
   */
  public String json() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "control.status_changed");
    node.put("tenantId", tenantId);
    node.put("controlId", controlId);
    node.put("title", title);
    node.put("previousStatus", previousStatus);
    node.put("status", status);
    node.put("runId", runId);
    node.put("at", at.toString());
    node.put("openFindings", openFindings);
    node.put("exceptions", exceptions);
    return CanonicalJson.string(node);
  }
}
