package dev.vigil.reports.oscal;

import static dev.vigil.reports.oscal.OscalNodes.line;
import static dev.vigil.reports.oscal.OscalNodes.prop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.reports.content.ReportContent;

/**
 * The document's metadata: title, last-modified (when the report was generated, the one field
 * that differs between two generations of one report), version (the report id: one report,
 * one document), OSCAL 1.1.2, and the tenant as the party that prepared it with Vigil.
 */
final class OscalMetadata {

  static final String OSCAL_VERSION = "1.1.2";
  static final String PREPARED_BY = "prepared-by";

  private OscalMetadata() {}

  static ObjectNode of(ReportContent report, StableUuid uuids) {
    ObjectNode m = OscalNodes.object();
    m.put("title", title(report));
    m.put("last-modified", report.generatedAt().toString());
    m.put("version", line(report.reportId()));
    m.put("oscal-version", OSCAL_VERSION);
    ArrayNode props = OscalNodes.array();
    prop(props, "report-id", report.reportId());
    prop(props, "tenant-id", report.tenantId());
    prop(props, "generated-by", "Vigil " + line(report.vigilVersion()));
    m.set("props", props);
    m.putArray("roles").addObject().put("id", PREPARED_BY).put("title", "Prepared By")
        .put("description", "The organization whose controls were tested, which ran Vigil to produce these results.");
    String party = uuids.of("party/tenant");
    m.putArray("parties").addObject().put("uuid", party).put("type", "organization")
        .put("name", tenantName(report));
    ObjectNode responsible = m.putArray("responsible-parties").addObject().put("role-id", PREPARED_BY);
    responsible.putArray("party-uuids").add(party);
    return m;
  }

  /** The report's own title, or one naming the tenant and the period. */
  static String title(ReportContent report) {
    String title = line(report.title());
    return title.isEmpty() ? "SOC 2 Type II assessment results for " + tenantName(report) + ", "
        + report.period().from() + " to " + report.period().to() : title;
  }

  static String tenantName(ReportContent report) {
    String name = line(report.tenantName());
    return name.isEmpty() ? line(report.tenantId()) : name;
  }
}
