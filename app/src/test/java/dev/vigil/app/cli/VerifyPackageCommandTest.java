package dev.vigil.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.Exporter;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.content.SystemDescription;
import dev.vigil.reports.pack.EvidencePackage;
import dev.vigil.reports.period.Period;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} tells an evidence package from an audit bundle and verifies either. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyPackageCommandTest {

  private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");
  private static final Instant GENERATED = Instant.parse("2026-04-02T08:00:00Z");

  private TestDb db;
  private CheckpointSigner signer;
  private Exporter exporter;
  private AuditLog log;
  private String tenant;

  @TempDir
  Path dir;

  /** A tenant whose chain holds only its creation, in the period. */
  @BeforeAll
  void chain() {
    db = TestDb.h2();
    MutableClock inPeriod = new MutableClock(FROM.plusSeconds(86_400));
    TestStores stores = TestStores.on(db, inPeriod);
    signer = CheckpointSigner.loadOrCreate(db.jdbi(), stores.master(), inPeriod);
    tenant = stores.tenants().create("Zoë Analytics", new Actor("token", "tok_test")).tenant().id();
    log = stores.auditLog();
    exporter = new Exporter(log, new CheckpointStore(db.jdbi(), signer, inPeriod),
        Clock.fixed(GENERATED, ZoneOffset.UTC));
  }

  @AfterAll
  void close() {
    if (db != null) db.close();
  }

  private Path evidencePackage() throws IOException {
    AuditLog.Range range = log.range(tenant, FROM, TO);
    ReportContent content = new ReportContent("rep_1", tenant, "Zoë Analytics", null, new Period(FROM, TO), GENERATED,
        "0.1.0", new ChainStatement(range.first(), range.last(), "ab".repeat(32),
            new Checkpoint(tenant, range.last(), "ab".repeat(32), TO, "note"), "kid", "cd".repeat(32)),
        new SystemDescription(Map.of(), List.of(), List.of(), new SystemDescription.Activity(0, 0, Map.of()), List.of(),
            Map.of()),
        List.of());
    EvidencePackage pack = new EvidencePackage(exporter::export, signer::signNote);
    Path file = dir.resolve("evidence.zip");
    try (OutputStream out = Files.newOutputStream(file)) {
      pack.write(content, (t, c, p, each) -> { }, o -> o.write("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)),
          o -> o.write("{}".getBytes(StandardCharsets.US_ASCII)), out);
    }
    return file;
  }

  private static String run(Path file, byte[] key, int expectedProblems) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(VerifyCommand.check(file, key, java.util.List.of(), new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isEqualTo(expectedProblems);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anEditedPackageFailsNamingTheFile() throws IOException {
    Path file = evidencePackage();
    Path edited = dir.resolve("edited.zip");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(edited))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(e.getName().equals("oscal/assessment-results.json") ? "{ }".getBytes(StandardCharsets.US_ASCII) : bytes);
        out.closeEntry();
      }
    }

    String printed = run(edited, signer.publicKey(), 1);

    assertThat(printed).contains("FAILED: 1 problem(s)", "oscal/assessment-results.json: has ");
  }

  @Test
  void aPackageIsToldFromABundleAndVerifiesWithThePinnedKey() throws IOException {
    String printed = run(evidencePackage(), signer.publicKey(), 0);

    assertThat(printed).startsWith("evidence package\n").contains("tenant:       " + tenant, "report:       rep_1",
        "signing key:  " + signer.keyId(), "OK: the manifest's signature");
  }

  @Test
  void anAuditBundleIsStillVerifiedAsOne() throws IOException {
    Path bundle = dir.resolve("bundle.zip");
    try (OutputStream out = Files.newOutputStream(bundle)) {
      exporter.export(tenant, FROM, TO, out);
    }

    String printed = run(bundle, signer.publicKey(), 0);

    assertThat(printed).startsWith("tenant:").contains("OK: every entry chains")
        .contains("signing key: " + signer.keyId() + " (checked against the key given with --key)");
    assertThat(run(bundle, null, 0)).contains("(compare with GET /api/v1/audit/public-key, or pin it with --key)");
  }

  @Test
  void aFileThatIsNoZipGetsOnlyItsProblemNotASummaryOfNothing() throws IOException {
    Path pdf = dir.resolve("report.pdf");
    Files.write(pdf, "%PDF-1.7 not a bundle".getBytes(StandardCharsets.US_ASCII));

    String printed = run(pdf, null, 1);

    assertThat(printed).startsWith("FAILED: 1 problem(s)").contains("is not a zip file").doesNotContain("null");
  }

  @Test
  void anEmptyExportSaysItHoldsNoEntries() throws IOException {
    Path bundle = dir.resolve("empty.zip");
    try (OutputStream out = Files.newOutputStream(bundle)) {
      exporter.export(tenant, TO, TO.plusSeconds(3600), out);
    }

    assertThat(run(bundle, signer.publicKey(), 0)).contains("range:       no entries", "entries:     0");
  }

  @Test
  void savedCheckpointsThatAreNotTextAreRefusedSayingWhatToGive() throws IOException {
    Path binary = dir.resolve("checkpoints.bin");
    Files.write(binary, new byte[] {'%', 'P', 'D', 'F', (byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xFF});

    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SavedCheckpoints.notes(binary)))
        .isInstanceOf(VerifyCommand.VerificationFailed.class).hasMessageContaining("is not text")
        .hasMessageContaining("checkpoints.jsonl");
    Path cut = dir.resolve("checkpoints.json");
    Files.writeString(cut, "{\"items\": [{\"note\": \"vigil");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SavedCheckpoints.notes(cut)))
        .isInstanceOf(VerifyCommand.VerificationFailed.class).hasMessageContaining("is not JSON");
  }
}
