package dev.vigil.reports.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.RunResult;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.evidence.PackageManifest;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.reports.PackageLayout;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.load.RunSource;
import dev.vigil.reports.pdf.ReportFixture;
import dev.vigil.reports.period.Period;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The package's layout and determinism, from a hand-built report and runs given in memory (the
 * database-backed parts, and verification, are in {@link EvidencePackageOnH2Test}).
 */
class EvidencePackageTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReportContent REPORT = ReportFixture.report();
  private static final String EVIDENCE = "{\"controlId\":\"AC-2\",\"runId\":\"run_1\",\"type\":\"vigil.control-run.v1\"}";

  private static ControlRun run(String id, String controlId, String evidence) {
    return new ControlRun(REPORT.tenantId(), id, controlId, "least-privilege", RunTrigger.SCHEDULE,
        Instant.parse("2026-03-02T09:30:00Z"), 300L, Instant.parse("2026-03-02T09:30:01Z"),
        Instant.parse("2026-03-02T09:30:02Z"), RunResult.FAIL, 3, 1, List.of(new Deviation("grt_7", "never expires")),
        List.of(), null, Sha256.hex(evidence), 17L);
  }

  private static final RunSource RUNS = (tenant, control, period, each) -> {
    if (control.equals("AC-2")) each.accept(run("run_1", "AC-2", EVIDENCE), EVIDENCE);
  };

  private static byte[] write(ReportContent content, RunSource runs) throws IOException {
    EvidencePackage pack = new EvidencePackage((tenant, range, out, tap) -> out.write("bundle".getBytes()),
        body -> body + "\n— vigil-audit c2lnbmVk\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pack.write(content, runs, o -> o.write("%PDF".getBytes()), o -> o.write("{}".getBytes()), out);
    return out.toByteArray();
  }

  @Test
  void aRunOfAnotherControlIsRefusedRatherThanFiledUnderThisOne() {
    RunSource wrong = (tenant, control, period, each) -> each.accept(run("run_x", "LG-1", EVIDENCE), EVIDENCE);

    assertThatThrownBy(() -> write(REPORT, wrong)).hasMessageContaining("run_x");
  }

  @Test
  void theSameContentAndDataGiveTheSameManifestAndTheSameZip() throws IOException {
    byte[] first = write(REPORT, RUNS);
    byte[] second = write(REPORT, RUNS);

    assertThat(Zips.member(second, "manifest.json")).isEqualTo(Zips.member(first, "manifest.json"));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void theManifestListsEveryOtherFileWithItsSizeAndHashInPathOrder() throws IOException {
    byte[] zip = write(REPORT, RUNS);
    List<Map.Entry<String, byte[]>> members = Zips.members(zip);
    PackageManifest manifest = PackageManifest.fromJson(Zips.member(zip, "manifest.json"));

    assertThat(manifest.files()).extracting(PackageManifest.File::path).isSorted().containsExactlyInAnyOrder(
        "report.pdf", "oscal/assessment-results.json", "controls/AC-1/runs.jsonl", "controls/AC-1/deviations.csv",
        "controls/AC-2/runs.jsonl", "controls/AC-2/deviations.csv", "controls/LG-1/runs.jsonl",
        "controls/LG-1/deviations.csv", "controls/VM-1/runs.jsonl", "controls/VM-1/deviations.csv", "findings.csv",
        "exceptions.csv", "samples.csv", "populations/grants.csv", "populations/vendors.csv", "audit/bundle.zip");
    assertThat(members).extracting(Map.Entry::getKey).endsWith("manifest.json", "manifest.sig");
    for (PackageManifest.File f : manifest.files()) {
      byte[] bytes = Zips.member(zip, f.path());
      assertThat(f.bytes()).as(f.path()).isEqualTo(bytes.length);
      assertThat(f.sha256()).as(f.path()).isEqualTo(Sha256.hex(bytes));
    }
    assertThat(manifest.reportId()).isEqualTo(REPORT.reportId());
    assertThat(manifest.tenantId()).isEqualTo(REPORT.tenantId());
    assertThat(new Period(manifest.from(), manifest.to())).isEqualTo(REPORT.period());
    assertThat(manifest.generatedAt()).isEqualTo(REPORT.generatedAt());
    String note = new String(Zips.member(zip, "manifest.sig"), StandardCharsets.UTF_8);
    assertThat(note).startsWith("vigil/evidence-package/" + REPORT.tenantId() + "\nreport rep_1\nmanifest-sha256 "
        + Sha256.hex(Zips.member(zip, "manifest.json")) + "\n");
  }

  @Test
  void eachRunLineIsTheRunAsTheApiShowsItWithItsEvidenceRecordAsStored() throws IOException {
    byte[] zip = write(REPORT, RUNS);
    String lines = new String(Zips.member(zip, PackageLayout.runs("AC-2")), StandardCharsets.UTF_8);

    assertThat(lines).endsWith("\n").hasLineCount(1);
    JsonNode line = JSON.readTree(lines);
    assertThat(line.get("run").get("id").asText()).isEqualTo("run_1");
    assertThat(line.get("run").get("trigger").asText()).isEqualTo("schedule");
    assertThat(line.get("run").get("startedAt").asText()).isEqualTo("2026-03-02T09:30:01Z");
    assertThat(line.get("run").has("tenantId")).isFalse();
    assertThat(line.get("evidence").asText()).isEqualTo(EVIDENCE);
    assertThat(Sha256.hex(line.get("evidence").asText())).isEqualTo(line.get("run").get("evidenceSha256").asText());
    assertThat(Zips.member(zip, PackageLayout.runs("AC-1"))).isEmpty();
  }

  @Test
  void theCsvFilesStateTheDeviationsExceptionsSamplesAndPopulations() throws IOException {
    byte[] zip = write(REPORT, RUNS);

    List<List<String>> ac2 = CsvText.parse(Zips.member(zip, PackageLayout.deviations("AC-2")));
    assertThat(ac2.get(0)).startsWith("control", "deviation", "kind");
    assertThat(ac2).anySatisfy(r -> assertThat(r).contains("AC-2", "failing", "2026-02-27T22:00:00.000Z", "true",
        "2026-03-02T09:30:00.000Z", "member", "grt_7", "grt_7 never expires"));
    List<List<String>> lg1 = CsvText.parse(Zips.member(zip, PackageLayout.deviations("LG-1")));
    assertThat(lg1).anySatisfy(r -> assertThat(r).contains("error", "facts failed to load"));
    assertThat(lg1).anySatisfy(r -> assertThat(r).contains("agt_zoë", "Zoë's agent logs nothing"));
    List<List<String>> vm1 = CsvText.parse(Zips.member(zip, PackageLayout.deviations("VM-1")));
    assertThat(vm1).hasSize(2);
    assertThat(vm1.get(1)).contains("not tested", "not_run", "true");

    assertThat(CsvText.parse(Zips.member(zip, PackageLayout.FINDINGS))).anySatisfy(r -> assertThat(r)
        .containsSequence("AC-2", "fnd_1", "grt_7", "grt_7 never expires"));
    assertThat(CsvText.parse(Zips.member(zip, PackageLayout.EXCEPTIONS))).anySatisfy(r -> assertThat(r)
        .contains("AC-1", "exc_1", "grt_zoë", ReportFixture.EM_DASH_NAME, "usr_zoe"));
    assertThat(CsvText.parse(Zips.member(zip, PackageLayout.EXCEPTIONS))).as("revoked before it lapsed")
        .anySatisfy(r -> assertThat(r).containsSequence("exc_2", "grt_7", "Migration window", "usr_ana",
            "2026-03-01T12:00:00.000Z", "2026-03-05T00:00:00.000Z", "2026-03-04T08:00:00.000Z", "usr_ciso"));
    List<List<String>> samples = CsvText.parse(Zips.member(zip, PackageLayout.SAMPLES));
    assertThat(samples).hasSize(1 + 40 * 3);
    assertThat(samples).anySatisfy(r -> assertThat(r).contains("AC-1", "grants", "grt_001", "run_b1", "excused",
        "grt_1 has a wildcard scope", "201"));
    assertThat(samples).as("a stretch of runs that found the same is one row").anySatisfy(r -> assertThat(r)
        .containsSequence("run_a1", "2026-03-01T00:05:00.000Z", "run_a1z", "2026-03-01T00:55:00.000Z", "11", "passed"));
    List<List<String>> vendors = CsvText.parse(Zips.member(zip, PackageLayout.population("vendors")));
    assertThat(vendors).containsExactly(List.of("member", "name", "sampled_by"), List.of("ven_1", "Zoë Mail GmbH", ""));
    assertThat(CsvText.parse(Zips.member(zip, PackageLayout.population("grants")))).hasSize(1 + 40)
        .contains(List.of("grt_040", "", "AC-1"));
  }
}
