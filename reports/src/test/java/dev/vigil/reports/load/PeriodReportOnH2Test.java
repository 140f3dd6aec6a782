package dev.vigil.reports.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.reports.ReportFile;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.evidence.PackageVerifier;
import dev.vigil.reports.Artifacts;
import dev.vigil.reports.ReportRequest;
import dev.vigil.reports.pack.PeriodReport;
import dev.vigil.reports.period.Period;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator end to end on H2: a tenant's day read by the loader, written as the PDF, the
 * OSCAL document and the evidence package, which verifies offline and comes out the same twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeriodReportOnH2Test {

  private Estate estate;
  private PeriodReport generator;
  private ReportRequest request;

  @TempDir
  Path dir;

  @BeforeAll
  void day() {
    estate = new Estate(TestDb.Kind.H2);
    Estate.Day day = estate.day("Zoë Analytics");
    generator = new PeriodReport(estate.reader, estate.stores.auditLog(), estate.checkpoints);
    request = new ReportRequest("rep_day", day.tenant(), null, new Period(Estate.FROM, Estate.TO),
        Estate.TO.plus(Duration.ofHours(2)));
  }

  @AfterAll
  void close() throws Exception {
    if (estate != null) estate.close();
  }

  private Artifacts generate(String name, List<Double> progress) throws IOException {
    Path out = Files.createDirectories(dir.resolve(name));
    return generator.generate(request, out, progress::add);
  }

  @Test
  void theThreeArtifactsAreWrittenWithTheirSizesAndHashesAndThePackageVerifies() throws IOException {
    List<Double> progress = new ArrayList<>();
    Artifacts a = generate("first", progress);

    assertThat(a.pages()).isPositive();
    assertThat(a.files()).extracting(ReportFile::name)
        .containsExactly(ReportFile.PDF, ReportFile.PACKAGE, ReportFile.OSCAL);
    for (ReportFile f : a.files()) {
      Path p = dir.resolve("first").resolve(f.name());
      assertThat(f.bytes()).as(f.name()).isEqualTo(Files.size(p));
      assertThat(f.sha256()).as(f.name()).isEqualTo(Sha256.hex(Files.readAllBytes(p)));
    }
    assertThat(progress).isSorted().last().isEqualTo(1.0);
    assertThat(progress.get(0)).isLessThanOrEqualTo(0.6);

    Path zip = dir.resolve("first").resolve(ReportFile.PACKAGE);
    PackageVerifier.Report r = PackageVerifier.verify(zip, estate.checkpoints.signer().publicKey());
    assertThat(r.problems()).isEmpty();
    assertThat(member(zip, "report.pdf")).isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(ReportFile.PDF)));
    assertThat(member(zip, "oscal/assessment-results.json"))
        .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(ReportFile.OSCAL)));
    assertThat(new String(member(zip, "controls/AC-1/runs.jsonl"))).contains("\"trigger\":\"change\"");
  }

  @Test
  void theSameReportTwiceGivesTheSameArtifacts() throws IOException {
    Artifacts first = generate("once", new ArrayList<>());
    Artifacts second = generate("twice", new ArrayList<>());

    assertThat(second).isEqualTo(first);
  }

  private static byte[] member(Path zip, String name) throws IOException {
    try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name)) return in.readAllBytes();
      }
    }
    throw new AssertionError(name + " is not in " + zip);
  }
}
