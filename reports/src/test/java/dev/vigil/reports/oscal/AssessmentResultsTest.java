package dev.vigil.reports.oscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.ReportContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The report as OSCAL assessment results: valid against NIST's schema, faithful, and stable. */
class AssessmentResultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UUID_VALUE =
      Pattern.compile("\"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"");

  @Test
  void theSchemaRejectsADocumentWithoutAnObservationsUuid() {
    ObjectNode doc = AssessmentResults.document(Reports.report());
    ((ObjectNode) result(doc).path("observations").get(0)).remove("uuid");

    assertThat(OscalSchema.errors(doc.toString())).anySatisfy(e -> assertThat(e).contains("uuid"));
  }

  @Test
  void theSchemaRejectsAStatusOscalDoesNotDefine() {
    ObjectNode doc = AssessmentResults.document(Reports.report());
    ((ObjectNode) result(doc).path("findings").get(0).path("target").path("status")).put("state", "passed");

    assertThat(OscalSchema.errors(doc.toString())).isNotEmpty();
  }

  @Test
  void theSchemaRejectsARandomStyleUuidOfTheWrongVersionAndABadTimestamp() {
    ObjectNode doc = AssessmentResults.document(Reports.report());
    ((ObjectNode) doc.path("assessment-results")).put("uuid", "6fa459ea-ee8a-3ca4-894e-db77e160355e");
    assertThat(OscalSchema.errors(doc.toString())).as("a version 3 UUID").isNotEmpty();

    ObjectNode late = AssessmentResults.document(Reports.report());
    ((ObjectNode) late.path("assessment-results").path("metadata")).put("last-modified", "2026-03-02 08:15");
    assertThat(OscalSchema.errors(late.toString())).as("a timestamp without T and zone").isNotEmpty();
  }

  @Test
  void theSchemaChecksFormatsNotOnlyPatterns() {
    ObjectNode doc = AssessmentResults.document(Reports.report());
    ((ObjectNode) result(doc).path("observations").get(0).path("relevant-evidence").get(0))
        .put("href", "../controls/AC 1/runs.jsonl");

    assertThat(OscalSchema.errors(doc.toString())).as("uri-reference is a format, with no pattern behind it")
        .anySatisfy(e -> assertThat(e).contains("href"));
  }

  @Test
  void textThatBreaksOscalsOneLineFieldsIsFoldedAndTheDocumentStaysValid() throws IOException {
    ReportContent r = Reports.report();
    ReportContent awkward = new ReportContent(r.reportId(), r.tenantId(), null, "  Type II\nreport  ", r.period(),
        r.generatedAt(), "", new ChainStatement(1, 119, "b".repeat(64), null, "key_1", Reports.SEED), r.system(),
        r.controls());

    String json = new String(AssessmentResults.render(awkward), StandardCharsets.UTF_8);

    assertThat(OscalSchema.errors(json)).isEmpty();
    JsonNode metadata = JSON.readTree(json).path("assessment-results").path("metadata");
    assertThat(metadata.path("title").asText()).isEqualTo("Type II report");
    assertThat(metadata.path("parties").get(0).path("name").asText()).as("the tenant id stands in for its name")
        .isEqualTo(Reports.TENANT);
    assertThat(json).contains("No signed checkpoint covers the period's end yet");
  }

  @Test
  void aReportWithoutControlsIsRefused() {
    ReportContent r = Reports.report();
    ReportContent empty = new ReportContent(r.reportId(), r.tenantId(), r.tenantName(), r.title(), r.period(),
        r.generatedAt(), r.vigilVersion(), r.chain(), r.system(), List.of());

    assertThatThrownBy(() -> AssessmentResults.render(empty)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("covers no control");
  }

  @Test
  void theDocumentValidatesAgainstNistsSchema() {
    String json = new String(AssessmentResults.render(Reports.report()), StandardCharsets.UTF_8);

    assertThat(OscalSchema.errors(json)).isEmpty();
  }

  @Test
  void eachFindingsStatusFollowsItsControlsConclusion() throws IOException {
    JsonNode result = result(parse(Reports.report()));

    Map<String, JsonNode> findings = byControl(result.path("findings"));
    assertThat(findings.keySet()).containsExactly("AC-1", "AC-2", "VM-1", "IR-1");
    assertThat(state(findings.get("AC-1"))).isEqualTo("satisfied");
    assertThat(findings.get("AC-1").path("title").asText()).endsWith("no deviations noted");
    assertThat(state(findings.get("AC-2"))).isEqualTo("not-satisfied");
    assertThat(findings.get("AC-2").path("description").asText())
        .contains("failing from 2026-03-01T10:00:00Z to 2026-03-01T13:00:00Z (remediated in 3 hours)")
        .contains("`grt_1` (grt_1 last reviewed 120 days ago by Zoë)", "`grt_2` (grt_2 never reviewed)", "`fnd_1`")
        .contains("`grt_2` approved by `usr_ciso`", "Migration to the new IdP — Zoë's team")
        .as("revoked before it lapsed").contains("until 2026-03-01T17:00:00Z, when `usr_ciso` revoked it")
        .contains("controls/AC-2/deviations.csv");
    assertThat(state(findings.get("VM-1"))).as("a control never run was not tested").isEqualTo("not-satisfied");
    assertThat(findings.get("VM-1").path("description").asText()).contains("not tested from 2026-03-01T00:00:00Z, "
        + "open at period end");
    JsonNode na = findings.get("IR-1").path("target").path("status");
    assertThat(na.path("state").asText()).as("nothing failed").isEqualTo("satisfied");
    assertThat(na.path("reason").asText()).as("nothing was tested either: no pass").isEqualTo("other");
    assertThat(na.path("remarks").asText())
        .isEqualTo("not applicable: every run in the period found no incident detected in the window.");
    assertThat(findings.get("AC-1").path("target").path("status").path("reason").asText()).isEqualTo("pass");
    JsonNode summary = StreamSupport.stream(result.path("observations").spliterator(), false)
        .filter(o -> o.path("title").asText().startsWith("IR-1 ")).findFirst().orElseThrow();
    assertThat(summary.path("description").asText()).contains("It was passing 0.0% of the period and not applicable"
        + " (its runs found no incident detected in the window) 100.0%");
    assertThat(findings.values()).allSatisfy(f -> assertThat(f.path("target").path("target-id").asText())
        .isEqualTo(controlId(f) + "_obj"));
  }

  @Test
  void everyFindingTargetsAnObjectiveThePlanDefines() throws IOException {
    JsonNode ar = parse(Reports.report()).path("assessment-results");

    Set<String> objectives = new HashSet<>();
    for (JsonNode o : ar.path("local-definitions").path("objectives-and-methods")) {
      for (JsonNode p : o.path("parts")) objectives.add(p.path("id").asText());
    }
    assertThat(result(ar.deepCopy()).path("findings")).extracting(f -> f.path("target").path("target-id").asText())
        .allMatch(objectives::contains);
    assertThat(ar.path("import-ap").path("href").asText()).isEqualTo("#"
        + ar.path("back-matter").path("resources").get(0).path("uuid").asText());
  }

  @Test
  void everyControlIsReviewedAndHasARunSummaryObservation() throws IOException {
    JsonNode result = result(parse(Reports.report()));

    assertThat(result.path("reviewed-controls").path("control-selections").get(0).path("include-controls"))
        .extracting(c -> c.path("control-id").asText()).containsExactly("AC-1", "AC-2", "VM-1", "IR-1");
    assertThat(result.path("start").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(result.path("end").asText()).isEqualTo("2026-03-02T00:00:00Z");
    assertThat(titles(result.path("observations"))).contains("AC-1 No wildcard or admin scopes: runs in the period",
        "AC-2 Grants reviewed — every 90 days: runs in the period", "VM-1 Vendors assessed: runs in the period",
        "IR-1 Incident containment within SLA: runs in the period");
  }

  @Test
  void eachSampledMemberIsAnObservationTheControlsFindingRelates() throws IOException {
    JsonNode result = result(parse(Reports.report()));

    List<JsonNode> sampled = StreamSupport.stream(result.path("observations").spliterator(), false)
        .filter(o -> o.path("title").asText().startsWith("AC-1 sample: grants ")).toList();
    assertThat(sampled).extracting(o -> o.path("title").asText().substring("AC-1 sample: grants ".length()))
        .containsExactlyInAnyOrder("grt_1", "grt_2", "grt_zoë");
    JsonNode zoe = sampled.stream().filter(o -> o.path("title").asText().endsWith("grt_zoë")).findFirst().orElseThrow();
    assertThat(zoe.path("description").asText()).contains("2 runs in the period examined it: 2 passed")
        .contains("1 audit chain entry in the period changed it");
    assertThat(hrefs(zoe)).containsExactly("../samples.csv", "../controls/AC-1/runs.jsonl", "../audit/bundle.zip");

    Set<String> related = new HashSet<>();
    byControl(result.path("findings")).get("AC-1").path("related-observations")
        .forEach(r -> related.add(r.path("observation-uuid").asText()));
    assertThat(related).hasSize(4).containsAll(sampled.stream().map(o -> o.path("uuid").asText()).toList());
    Set<String> observed = new HashSet<>();
    result.path("observations").forEach(o -> observed.add(o.path("uuid").asText()));
    result.path("findings").forEach(f -> f.path("related-observations").forEach(r ->
        assertThat(observed).contains(r.path("observation-uuid").asText())));
  }

  @Test
  void everyEvidenceLinkPointsAtAPackagePathTheDocsList() throws IOException {
    JsonNode doc = parse(Reports.report());
    String docs = docs();

    List<String> hrefs = new ArrayList<>();
    result(doc).path("observations").forEach(o -> hrefs.addAll(hrefs(o)));
    assertThat(hrefs).contains("../controls/AC-2/deviations.csv", "../findings.csv", "../exceptions.csv");
    assertThat(hrefs).allSatisfy(h -> {
      String path = EvidenceHref.packagePath(h);
      assertThat(path).doesNotStartWith("..").doesNotStartWith("oscal/");
      String listed = path.replaceFirst("^controls/[^/]+/", "controls/<id>/");
      assertThat(docs).as("docs/reports.md lists %s", listed).contains("`" + listed + "`");
    });
  }

  @Test
  void nonAsciiNamesSurviveAsUtf8() {
    String json = new String(AssessmentResults.render(Reports.report()), StandardCharsets.UTF_8);

    assertThat(json).contains("\"name\": \"Zoë's Agents — Support\"", "grt_zoë").doesNotContain("\\u00");
  }

  @Test
  void twoRenderingsOfOneReportAreByteIdentical() {
    assertThat(AssessmentResults.render(Reports.report())).isEqualTo(AssessmentResults.render(Reports.report()));
  }

  @Test
  void generatingAgainLaterChangesOnlyLastModified() {
    String first = new String(AssessmentResults.render(Reports.report()), StandardCharsets.UTF_8);
    String later = new String(AssessmentResults.render(Reports.report("rep_1", Instant.parse("2026-04-01T00:00:00Z"))),
        StandardCharsets.UTF_8);

    assertThat(later).isNotEqualTo(first);
    assertThat(later.replace("2026-04-01T00:00:00Z", "X")).isEqualTo(first.replace("2026-03-02T08:15:30.250Z", "X"));
  }

  @Test
  void anotherReportIdGivesOtherUuids() {
    Set<String> first = uuids(AssessmentResults.render(Reports.report("rep_1", Reports.GENERATED)));
    Set<String> second = uuids(AssessmentResults.render(Reports.report("rep_2", Reports.GENERATED)));

    assertThat(first).hasSizeGreaterThan(10);
    assertThat(second).hasSameSizeAs(first).doesNotContainAnyElementsOf(first);
  }

  private static Set<String> uuids(byte[] json) {
    Set<String> out = new HashSet<>();
    Matcher m = UUID_VALUE.matcher(new String(json, StandardCharsets.UTF_8));
    while (m.find()) out.add(m.group());
    return out;
  }

  private static JsonNode parse(ReportContent report) throws IOException {
    return JSON.readTree(AssessmentResults.render(report));
  }

  private static JsonNode result(JsonNode doc) {
    JsonNode ar = doc.has("assessment-results") ? doc.path("assessment-results") : doc;
    return ar.path("results").get(0);
  }

  private static Map<String, JsonNode> byControl(JsonNode findings) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    findings.forEach(f -> out.put(controlId(f), f));
    return out;
  }

  private static String controlId(JsonNode node) {
    for (JsonNode p : node.path("props")) {
      if (p.path("name").asText().equals("control-id")) return p.path("value").asText();
    }
    throw new AssertionError("no control-id prop in " + node);
  }

  private static String state(JsonNode finding) {
    return finding.path("target").path("status").path("state").asText();
  }

  private static List<String> titles(JsonNode observations) {
    List<String> out = new ArrayList<>();
    observations.forEach(o -> out.add(o.path("title").asText()));
    return out;
  }

  private static List<String> hrefs(JsonNode observation) {
    List<String> out = new ArrayList<>();
    observation.path("relevant-evidence").forEach(e -> out.add(e.path("href").asText()));
    return out;
  }

  private static String docs() throws IOException {
    Path inRepo = Path.of("docs", "reports.md");
    return Files.readString(Files.exists(inRepo) ? inRepo : Path.of("..", "docs", "reports.md"), StandardCharsets.UTF_8);
  }
}
