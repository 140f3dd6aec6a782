package dev.vigil.reports.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.Exporter;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlRunner;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.collectors.monitoring.SnapshotLoader;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.BundleVerifier.Problem;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.evidence.PackageVerifier;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Role;
import dev.vigil.reports.PackageLayout;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.load.RunSource;
import dev.vigil.reports.load.StoredRuns;
import dev.vigil.reports.oscal.AssessmentResults;
import dev.vigil.reports.pdf.ReportFixture;
import dev.vigil.reports.pdf.ReportPdf;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence package over a real database (H2): the runs and the audit export read from it,
 * the manifest signed with the checkpoint key, and the offline verifier's verdict on the
 * package as written and on every way of tampering with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidencePackageOnH2Test {

  private static final Actor ADMIN = new Actor("token", "tok_test");
  private static final String CANARY = "canary-sk-live-7f3a9c1e5b2d4f60";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestDb db;
  private CheckpointSigner signer;
  private ReportContent report;
  private EvidencePackage pack;
  private RunSource runs;
  private final List<String> runIds = new ArrayList<>();

  @TempDir
  Path dir;

  @BeforeAll
  void history() {
    db = TestDb.h2();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-05T10:00:00Z"));
    TestStores stores = TestStores.on(db, clock);
    String tenant = stores.tenants().create("Zoë Analytics", ADMIN).tenant().id();
    String owner = stores.users().create(tenant, ADMIN, "o@zoe.example", "Zoë", Role.ADMIN, "a long enough password")
        .id();
    String approver = stores.users().create(tenant, ADMIN, "a@zoe.example", "Ann", Role.ADMIN, "a long enough password")
        .id();
    String agent = stores.agents().create(tenant, ADMIN, "mailer", owner, "Reads the support inbox — drafts replies")
        .id();
    String vendor = stores.vendors().create(tenant, ADMIN, "Zoë Mail GmbH", Criticality.HIGH, "Mail", "e-mail").id();
    String connection = stores.connections().create(tenant, ADMIN, "Inbox", "mail", vendor, "https://mail.example")
        .id();
    stores.connections().storeCredential(tenant, ADMIN, connection, CANARY);
    stores.grants().create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection, List.of("*"), "triage", owner,
        approver, null));

    signer = CheckpointSigner.loadOrCreate(db.jdbi(), stores.master(), clock);
    CheckpointStore checkpoints = new CheckpointStore(db.jdbi(), signer, clock);
    Catalog catalog = new Catalog(ControlParameters.defaults());
    SnapshotLoader loader = new SnapshotLoader(db.jdbi(), stores.connections(), stores.auditLog(), signer.publicKey(),
        catalog.parameters(), Map.of(Family.LEAST_PRIVILEGE, Duration.ofMinutes(5)));
    ControlRunner runner = new ControlRunner(loader, new RunRecorder(db.jdbi(), stores.audit(), stores.ids()),
        (control, outcome) -> { }, clock);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(5));
      runIds.add(runner.run(tenant, List.of(catalog.find("AC-1").orElseThrow()), RunTrigger.SCHEDULE, null).get(0)
          .run().id());
    }

    ReportContent f = ReportFixture.report();
    // The fixture's chain statement, over the range of this tenant's entries in the period.
    AuditLog.Range range = stores.auditLog().range(tenant, f.period().from(), f.period().to());
    ChainStatement chain = new ChainStatement(range.first(), range.last(), f.chain().headHash(), f.chain().checkpoint(),
        f.chain().keyId(), f.chain().sampleSeed());
    report = new ReportContent(f.reportId(), tenant, f.tenantName(), f.title(), f.period(), f.generatedAt(),
        f.vigilVersion(), chain, f.system(), f.controls());
    // As the report generator makes it: the export's time is the report's generation time.
    Exporter exporter = new Exporter(stores.auditLog(), checkpoints, Clock.fixed(report.generatedAt(), ZoneOffset.UTC));
    runs = new StoredRuns(new ControlQueries(db.jdbi()));
    pack = new EvidencePackage(exporter::export, signer::signNote);
  }

  @AfterAll
  void close() {
    if (db != null) db.close();
  }

  private Path write(String name) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      pack.write(report, runs, o -> ReportPdf.write(report, o), o -> o.write(AssessmentResults.render(report)), out);
    }
    return file;
  }

  /** The package written, with {@code change} applied to its members, as a new file. */
  private Path tampered(UnaryOperator<List<Map.Entry<String, byte[]>>> change) throws IOException {
    List<Map.Entry<String, byte[]>> members = new ArrayList<>(Zips.members(Files.readAllBytes(write("clean.zip"))));
    Path file = dir.resolve("tampered.zip");
    Files.write(file, Zips.write(change.apply(members)));
    return file;
  }

  private static UnaryOperator<List<Map.Entry<String, byte[]>>> edit(String path, UnaryOperator<byte[]> how) {
    return members -> members.stream().map(m -> m.getKey().equals(path)
        ? (Map.Entry<String, byte[]>) new AbstractMap.SimpleEntry<>(path, how.apply(m.getValue())) : m).toList();
  }

  private static byte[] flipLastByte(byte[] b) {
    byte[] out = Arrays.copyOf(b, b.length);
    out[out.length - 2] ^= 1;
    return out;
  }

  private static List<String> problems(Path file, byte[] key) throws IOException {
    return PackageVerifier.verify(file, key).problems().stream().map(Problem::toString).toList();
  }

  @Test
  void aChangedFileFailsNamingIt() throws IOException {
    Path file = tampered(edit(PackageLayout.runs("AC-1"), EvidencePackageOnH2Test::flipLastByte));

    assertThat(problems(file, null)).singleElement().asString().startsWith("controls/AC-1/runs.jsonl: has SHA-256");
  }

  @Test
  void aChangedCsvOrPdfFailsNamingIt() throws IOException {
    assertThat(problems(tampered(edit(PackageLayout.SAMPLES, b -> Arrays.copyOf(b, b.length - 1))), null))
        .singleElement().asString().startsWith("samples.csv: has ");
    assertThat(problems(tampered(edit(PackageLayout.REPORT_PDF, EvidencePackageOnH2Test::flipLastByte)), null))
        .singleElement().asString().startsWith("report.pdf: has SHA-256");
  }

  @Test
  void aChangedManifestFailsNamingIt() throws IOException {
    Path file = tampered(edit(PackageLayout.MANIFEST,
        b -> new String(b, StandardCharsets.UTF_8).replace("\"bytes\" : 0", "\"bytes\" : 1").getBytes(StandardCharsets.UTF_8)));

    assertThat(problems(file, null)).containsExactly("manifest.json: differs from the manifest that was signed");
  }

  @Test
  void aChangedSignatureFailsNamingIt() throws IOException {
    Path file = tampered(edit(PackageLayout.MANIFEST_SIGNATURE, b -> new String(b, StandardCharsets.UTF_8)
        .replace("report rep_1", "report rep_2").getBytes(StandardCharsets.UTF_8)));

    assertThat(problems(file, null)).singleElement().asString().startsWith("manifest.sig: ");
  }

  @Test
  void aSecondSignatureLineFails() throws IOException {
    Path file = tampered(edit(PackageLayout.MANIFEST_SIGNATURE, b -> {
      String note = new String(b, StandardCharsets.UTF_8);
      String line = note.substring(note.lastIndexOf("\n\n") + 2);
      return (note + line).getBytes(StandardCharsets.UTF_8);
    }));

    assertThat(problems(file, null)).singleElement().asString().startsWith("manifest.sig: ");
  }

  @Test
  void aPackageSignedWithAnotherKeyFailsWhenTheKeyIsPinned() throws IOException {
    byte[] other = new byte[32];
    other[0] = 1;

    assertThat(problems(write("pinned.zip"), other)).singleElement().asString().startsWith("manifest.sig: ");
  }

  @Test
  void aMemberTwiceFailsRatherThanOneCopyWinning() throws IOException {
    Path file = tampered(members -> {
      List<Map.Entry<String, byte[]>> out = new ArrayList<>(members);
      out.add(new AbstractMap.SimpleEntry<>(PackageLayout.FINDINGS, "control\r\n".getBytes(StandardCharsets.UTF_8)));
      return out;
    });

    assertThat(problems(file, null)).containsExactly("findings.csv: appears more than once in the zip");
  }

  @Test
  void aMemberTheManifestDoesNotListFails() throws IOException {
    Path file = tampered(members -> {
      List<Map.Entry<String, byte[]>> out = new ArrayList<>(members);
      out.add(new AbstractMap.SimpleEntry<>("controls/AC-9/runs.jsonl", "{}\n".getBytes(StandardCharsets.UTF_8)));
      return out;
    });

    assertThat(problems(file, null)).containsExactly("controls/AC-9/runs.jsonl: is in the package but not in the manifest");
  }

  @Test
  void aMissingFileFailsNamingIt() throws IOException {
    Path file = tampered(members -> members.stream().filter(m -> !m.getKey().equals(PackageLayout.EXCEPTIONS)).toList());

    assertThat(problems(file, null)).containsExactly("exceptions.csv: is listed in the manifest but missing from the package");
  }

  @Test
  void thePackageAsWrittenVerifiesWithTheTenantsCheckpointKey() throws IOException {
    Path file = write("evidence.zip");

    PackageVerifier.Report r = PackageVerifier.verify(file, signer.publicKey());
    assertThat(r.problems()).isEmpty();
    assertThat(r.tenantId()).isEqualTo(report.tenantId());
    assertThat(r.reportId()).isEqualTo("rep_1");
    assertThat(r.keyId()).isEqualTo(signer.keyId());
    assertThat(r.bundle().tenantId()).isEqualTo(report.tenantId());
    assertThat(r.bundle().entries()).isGreaterThan(3);
    assertThat(PackageVerifier.isPackage(file)).isTrue();
    assertThat(PackageVerifier.verify(file, null).ok()).isTrue();
  }

  @Test
  void everyRunOfTheControlIsListedWithItsEvidenceWhoseHashTheChainCarries() throws IOException {
    byte[] zip = Files.readAllBytes(write("runs.zip"));
    String[] lines = new String(Zips.member(zip, PackageLayout.runs("AC-1")), StandardCharsets.UTF_8).split("\n");
    String entries = new String(Zips.member(Zips.member(zip, PackageLayout.AUDIT_BUNDLE), "entries.jsonl"),
        StandardCharsets.UTF_8);

    List<String> ids = new ArrayList<>();
    for (String l : lines) {
      JsonNode line = JSON.readTree(l);
      ids.add(line.get("run").get("id").asText());
      assertThat(line.get("run").get("result").asText()).isEqualTo("fail");
      String sha = Sha256.hex(line.get("evidence").asText());
      assertThat(sha).isEqualTo(line.get("run").get("evidenceSha256").asText());
      assertThat(entries).contains("\"evidenceSha256\":\"" + sha + "\"");
    }
    assertThat(ids).containsExactlyInAnyOrderElementsOf(runIds);
    assertThat(Zips.member(zip, PackageLayout.runs("AC-2"))).isEmpty();
  }

  @Test
  void theSameReportTwiceGivesTheSameManifest() throws IOException {
    byte[] first = Zips.member(Files.readAllBytes(write("first.zip")), PackageLayout.MANIFEST);
    byte[] second = Zips.member(Files.readAllBytes(write("second.zip")), PackageLayout.MANIFEST);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void theCanaryCredentialIsInNoFileOfThePackageNorOfItsAuditBundle() throws IOException {
    byte[] zip = Files.readAllBytes(write("canary.zip"));

    List<Map.Entry<String, byte[]>> files = new ArrayList<>(Zips.members(zip));
    files.addAll(Zips.members(Zips.member(zip, PackageLayout.AUDIT_BUNDLE)));
    assertThat(files).hasSizeGreaterThan(10);
    for (Map.Entry<String, byte[]> f : files) {
      // The canary is ASCII, so one byte per character finds it wherever its bytes are.
      assertThat(new String(f.getValue(), StandardCharsets.ISO_8859_1)).as(f.getKey()).doesNotContain(CANARY);
    }
  }
}
