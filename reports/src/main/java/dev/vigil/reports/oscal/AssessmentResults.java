package dev.vigil.reports.oscal;

import static dev.vigil.reports.oscal.OscalNodes.line;
import static dev.vigil.reports.oscal.OscalNodes.prop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.ReportContent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A report as OSCAL 1.1.2 assessment results ({@code oscal.json}, and
 * {@code oscal/assessment-results.json} in the evidence package): metadata, the plan it imports
 * (described in its own local-definitions), and one result for the period with the reviewed
 * controls, an observation per control's runs and per sampled member, and a finding per control.
 * docs/reports.md maps each OSCAL object to what it carries.
 *
 * <p>Deterministic: objects are written in a fixed order, every UUID is derived from the report
 * id, the period and the object's role ({@link StableUuid}), and observations are dated by the
 * period's end, so two generations of one report differ only in {@code last-modified}.
 */
public final class AssessmentResults {

  /** Two-space indent and "\n" line ends on every platform, so the bytes never depend on where it ran. */
  private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private AssessmentResults() {}

  /** The document as UTF-8 JSON, indented, with a final newline. */
  public static byte[] render(ReportContent report) {
    try {
      return (WRITER.writeValueAsString(document(report)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }

  /** The document as a JSON tree: {@code {"assessment-results": {...}}}. */
  public static ObjectNode document(ReportContent report) {
    Objects.requireNonNull(report.generatedAt(), "generatedAt");
    if (report.controls().isEmpty()) {
      throw new IllegalArgumentException("report " + report.reportId() + " covers no control: OSCAL results review "
          + "at least one");
    }
    StableUuid uuids = new StableUuid(report.reportId(), report.period());
    ObjectNode ar = OscalNodes.object();
    ar.put("uuid", uuids.of("assessment-results"));
    ar.set("metadata", OscalMetadata.of(report, uuids));
    ar.set("import-ap", AssessmentPlan.importAp(uuids));
    ar.set("local-definitions", AssessmentPlan.localDefinitions(report, uuids));
    ar.putArray("results").add(result(report, uuids));
    ar.putObject("back-matter").putArray("resources").add(AssessmentPlan.planResource(report, uuids));
    ObjectNode doc = OscalNodes.object();
    doc.set("assessment-results", ar);
    return doc;
  }

  private static ObjectNode result(ReportContent report, StableUuid uuids) {
    String tool = uuids.of("component/vigil");
    ObjectNode r = OscalNodes.object().put("uuid", uuids.of("result/period"))
        .put("title", "Controls of " + OscalMetadata.tenantName(report) + " from " + report.period().from() + " to "
            + report.period().to())
        .put("description", "Vigil's continuous, automated tests of " + report.controls().size() + " controls over the "
            + "period [" + report.period().from() + ", " + report.period().to() + "): per control, a summary of its "
            + "runs, the members sampled for an auditor, and whether it operated without deviation. Every href of "
            + "relevant evidence is relative to this document's place in the evidence package.")
        .put("start", report.period().from().toString())
        .put("end", report.period().to().toString());
    ArrayNode props = r.putArray("props");
    prop(props, "period-from", report.period().from());
    prop(props, "period-to-exclusive", report.period().to());
    ObjectNode vigil = r.putObject("local-definitions").putArray("components").addObject().put("uuid", tool)
        .put("type", "software").put("title", "Vigil")
        .put("description", "The compliance service that ran the tests and recorded their evidence in the tenant's "
            + "hash-chained audit trail.");
    prop(vigil.putArray("props"), "version", line(report.vigilVersion()).isEmpty() ? "unknown" : report.vigilVersion());
    vigil.putObject("status").put("state", "operational");
    ArrayNode include = r.putObject("reviewed-controls").putArray("control-selections").addObject()
        .putArray("include-controls");
    for (ControlSection s : report.controls()) include.addObject().put("control-id", s.period().control().id());
    r.set("observations", Observations.of(report, uuids, tool));
    ArrayNode findings = r.putArray("findings");
    for (ControlSection s : report.controls()) findings.add(Findings.of(s, uuids, tool));
    return r;
  }
}
