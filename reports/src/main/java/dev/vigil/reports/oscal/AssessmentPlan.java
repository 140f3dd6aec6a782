package dev.vigil.reports.oscal;

import static dev.vigil.reports.oscal.OscalNodes.line;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.period.ControlPeriod;
import dev.vigil.reports.sample.SampleSizeTable;
import java.time.Instant;

/**
 * The assessment plan the results import. Vigil's plan is its catalog: each control's test
 * procedure, run automatically on its family's schedule and on every change that can affect
 * it. No separate plan document exists, so the results carry the plan in their own
 * {@code local-definitions} (an objective and a method per control, and an activity per control),
 * and {@code import-ap} points at a back-matter resource that says so.
 */
final class AssessmentPlan {

  private AssessmentPlan() {}

  /** The objective id a control's finding targets. */
  static String objectiveId(String controlId) {
    return controlId + "_obj";
  }

  static ObjectNode importAp(StableUuid uuids) {
    return OscalNodes.object().put("href", "#" + uuids.of("resource/assessment-plan"))
        .put("remarks", "The plan is described in this document's local-definitions.");
  }

  static ObjectNode localDefinitions(ReportContent report, StableUuid uuids) {
    ObjectNode defs = OscalNodes.object();
    ArrayNode objectives = defs.putArray("objectives-and-methods");
    ArrayNode activities = defs.putArray("activities");
    for (ControlSection section : report.controls()) {
      ControlPeriod c = section.period();
      String id = c.control().id();
      ObjectNode objective = objectives.addObject().put("control-id", id);
      ArrayNode parts = objective.putArray("parts");
      parts.addObject().put("id", objectiveId(id)).put("name", "assessment-objective")
          .put("prose", "The control operated effectively throughout the period: " + line(c.control().title()) + ".");
      ObjectNode method = parts.addObject().put("name", "assessment-method");
      method.putArray("props").addObject().put("name", "method").put("value", "TEST");
      method.put("prose", procedure(c));

      ObjectNode activity = activities.addObject().put("uuid", uuids.of("activity/" + id))
          .put("title", "Automated test of " + id).put("description", procedure(c));
      activity.putArray("props").addObject().put("name", "method").put("value", "TEST");
      activity.putObject("related-controls").putArray("control-selections").addObject()
          .putArray("include-controls").addObject().put("control-id", id);
    }
    defs.put("remarks", "Vigil's assessment plan: every control of its catalog is tested automatically by Vigil "
        + "on its family's schedule, on every change that can affect it, and on request; each run is recorded "
        + "with its evidence in the tenant's hash-chained audit trail.");
    return defs;
  }

  static ObjectNode planResource(ReportContent report, StableUuid uuids) {
    return OscalNodes.object().put("uuid", uuids.of("resource/assessment-plan"))
        .put("title", "Vigil continuous control testing plan")
        .put("description", "Vigil's plan for testing the controls of " + OscalMetadata.tenantName(report)
            + ": the objectives, methods and activities in this document's local-definitions.");
  }

  /** What Vigil checks, that it is automated, and how often. */
  static String procedure(ControlPeriod c) {
    return line(c.control().procedure()) + " Automated: Vigil runs this test "
        + c.scheduleWords(OscalNodes::words, Instant::toString) + " ("
        + SampleSizeTable.frequency(c.shortestInterval()).words()
        + "), on every change that can affect it, and on request.";
  }
}
