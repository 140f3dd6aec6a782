package dev.vigil.reports.oscal;

import static dev.vigil.reports.oscal.OscalNodes.code;
import static dev.vigil.reports.oscal.OscalNodes.line;
import static dev.vigil.reports.oscal.OscalNodes.prop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.controls.model.ControlException;
import dev.vigil.reports.PackageLayout;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.period.ControlPeriod;
import dev.vigil.reports.period.ExceptionInForce;
import dev.vigil.reports.period.PeriodDeviation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One OSCAL finding per control: its objective is satisfied when the period model noted no
 * deviation, else not satisfied, with every deviation summarised and the control's
 * observations (its run summary and its sampled members) related. A control not applicable
 * throughout the period is satisfied for reason {@code other}, not {@code pass}: OSCAL has no
 * third state, nothing failed, and nothing was tested either; its remarks say so.
 */
final class Findings {

  /** Members or findings a deviation's summary names one by one; the package's CSV files have them all. */
  static final int NAMED = 10;

  private Findings() {}

  static String role(String controlId) {
    return "finding/" + controlId;
  }

  static ObjectNode of(ControlSection section, StableUuid uuids, String toolUuid) {
    ControlPeriod c = section.period();
    String id = c.control().id();
    boolean satisfied = c.noDeviationsNoted();
    ObjectNode f = OscalNodes.object().put("uuid", uuids.of(role(id)))
        .put("title", id + " " + line(c.control().title()) + ": " + c.conclusion())
        .put("description", description(c));
    ArrayNode props = f.putArray("props");
    prop(props, "control-id", id);
    prop(props, "family", c.control().family().wire());
    for (String criterion : c.control().criteria()) prop(props, "soc2-criterion", criterion);
    prop(props, "conclusion", c.conclusion());
    prop(props, "deviations", c.deviations().size());
    prop(props, "exceptions-in-force", c.exceptions().size());
    f.set("origins", OscalNodes.origins(toolUuid));
    ObjectNode target = f.putObject("target").put("type", "objective-id")
        .put("target-id", AssessmentPlan.objectiveId(id)).put("description", c.conclusion() + ".");
    ObjectNode status = target.putObject("status").put("state", satisfied ? "satisfied" : "not-satisfied")
        .put("reason", !satisfied ? "fail" : c.notApplicableThroughout() ? "other" : "pass");
    if (c.notApplicableThroughout()) status.put("remarks", c.conclusion() + ".");
    ArrayNode related = f.putArray("related-observations");
    related.addObject().put("observation-uuid", uuids.of(Observations.runSummaryRole(id)));
    section.sample().ifPresent(s -> s.items().forEach(i -> related.addObject()
        .put("observation-uuid", uuids.of(Observations.sampleRole(id, i.memberId())))));
    return f;
  }

  private static String description(ControlPeriod c) {
    String id = c.control().id();
    StringBuilder d = new StringBuilder(code(id)).append(" (").append(line(c.control().title())).append("), SOC 2 ")
        .append(String.join(", ", c.control().criteria())).append(". Test procedure: ")
        .append(AssessmentPlan.procedure(c)).append("\n\nResult for the period: ").append(c.conclusion()).append('.');
    for (PeriodDeviation dev : c.deviations()) d.append("\n\n- ").append(deviation(dev));
    if (!c.deviations().isEmpty()) {
      d.append("\n\nEvery deviation, with its runs and members, is in ").append(code(PackageLayout.deviations(id)))
          .append(" of the evidence package.");
    }
    if (!c.exceptions().isEmpty()) {
      d.append("\n\nApproved exceptions in force in the period:");
      for (ExceptionInForce e : c.exceptions()) {
        d.append("\n\n- ").append(code(e.exception().subjectId())).append(" approved by ")
            .append(code(e.exception().approvedBy())).append(" on ").append(e.exception().createdAt())
            .append(until(e.exception())).append(": ").append(line(e.exception().reason()));
        for (ExceptionInForce.Covered cov : e.covered()) {
          d.append("; covered the deviation that began ").append(cov.deviationStart()).append(" from ")
              .append(cov.from()).append(" to ").append(cov.to());
        }
      }
    }
    return d.toString();
  }

  /** When an exception ended: its expiry, or who revoked it and when. */
  private static String until(ControlException e) {
    return e.revokedEarly() ? " until " + e.revokedAt() + ", when " + code(e.revokedBy()) + " revoked it"
        : " until " + e.expiresAt();
  }

  private static String deviation(PeriodDeviation dev) {
    StringBuilder d = new StringBuilder(dev.kind()).append(" from ").append(dev.start());
    if (dev.beganBeforePeriod()) d.append(" (before the period)");
    d.append(dev.openAtPeriodEnd() ? ", open at period end"
        : " to " + dev.end() + " (remediated in " + OscalNodes.words(dev.timeToRemediate().orElseThrow()) + ")");
    d.append("; ").append(OscalNodes.count(dev.runIds().size(), "run"));
    if (!dev.members().isEmpty()) {
      d.append("; failing members: ").append(named(dev.members().stream()
          .map(m -> code(m.subjectId()) + " (" + line(m.detail()) + ")").toList()));
    }
    if (!dev.findings().isEmpty()) {
      d.append("; findings: ").append(named(dev.findings().stream().map(Finding::id).map(OscalNodes::code).toList()));
    }
    if (!dev.errors().isEmpty()) {
      d.append("; runs ended in error: ").append(named(dev.errors().stream().map(OscalNodes::line).toList()));
    }
    return d.toString();
  }

  /** The first {@link #NAMED} items, and how many more. */
  private static String named(List<String> items) {
    String shown = items.stream().limit(NAMED).collect(Collectors.joining(", "));
    return items.size() > NAMED ? shown + " and " + (items.size() - NAMED) + " more" : shown;
  }
}
