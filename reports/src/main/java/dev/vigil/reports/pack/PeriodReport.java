package dev.vigil.reports.pack;

import dev.vigil.collectors.reports.ReportFile;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.Exporter;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.reports.Artifacts;
import dev.vigil.reports.ReportGenerator;
import dev.vigil.reports.ReportRequest;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.load.ReportReader;
import dev.vigil.reports.oscal.AssessmentResults;
import dev.vigil.reports.pdf.ReportPdf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * The Type II report of a period: reads it once from the database ({@link ReportReader}), then
 * writes {@code report.pdf}, {@code oscal.json} and {@code evidence.zip} (which holds both)
 * into the directory. Progress: reading up to 0.6, the PDF to 0.75, the OSCAL document to 0.8,
 * the package to 1. The package's audit export is dated at the report's generation time, so
 * generating the same report again gives the same package. Thread-safe.
 */
public final class PeriodReport implements ReportGenerator {

  private final ReportReader reader;
  /** The package writer for a report generated at a moment: its audit export is dated then. */
  private final Function<Instant, EvidencePackage> packageAt;

  public PeriodReport(ReportReader reader, ControlQueries queries, AuditLog log, CheckpointStore checkpoints) {
    this.reader = reader;
    RunSource runs = new StoredRuns(queries);
    this.packageAt = at -> new EvidencePackage(runs,
        new Exporter(log, checkpoints, Clock.fixed(at, ZoneOffset.UTC))::export, checkpoints.signer()::signNote);
  }

  @Override
  public Artifacts generate(ReportRequest request, Path dir, DoubleConsumer progress) throws IOException {
    ReportContent content = reader.read(request, p -> progress.accept(0.6 * p));
    Path pdf = dir.resolve(ReportFile.PDF);
    int pages;
    try (OutputStream out = Files.newOutputStream(pdf)) {
      pages = ReportPdf.write(content, out);
    }
    progress.accept(0.75);
    Path oscal = dir.resolve(ReportFile.OSCAL);
    Files.write(oscal, AssessmentResults.render(content));
    progress.accept(0.8);
    EvidencePackage pack = packageAt.apply(request.generatedAt());
    Path zip = dir.resolve(ReportFile.PACKAGE);
    try (OutputStream out = Files.newOutputStream(zip)) {
      pack.write(content, o -> Files.copy(pdf, o), o -> Files.copy(oscal, o), out);
    }
    progress.accept(1);
    return new Artifacts(pages, List.of(file(pdf), file(zip), file(oscal)));
  }

  private static ReportFile file(Path path) throws IOException {
    MessageDigest sha = Sha256.digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return new ReportFile(path.getFileName().toString(), Files.size(path), HexFormat.of().formatHex(sha.digest()));
  }
}
