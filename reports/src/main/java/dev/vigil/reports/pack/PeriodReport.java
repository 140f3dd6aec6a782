package dev.vigil.reports.pack;

import dev.vigil.collectors.reports.ReportFile;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.Exporter;
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
 * The Type II report of a period: reads it once from the database ({@link ReportReader}),
 * streaming the period's audit entries and runs into {@code evidence.zip} as they are read, then
 * writes {@code report.pdf} and {@code oscal.json} into the directory and adds both, with the
 * tables, to the package. Progress: reading (with the package's streamed part) up to
 * {@link #READ}, the PDF to {@link #PDF}, the OSCAL document to {@link #OSCAL}, the rest of the
 * package to 1. The package's audit export is dated at the report's generation time, so
 * generating the same report again gives the same package. Thread-safe.
 */
public final class PeriodReport implements ReportGenerator {

  /** Progress when the period is read (and the package's streamed part written), the PDF written, the OSCAL document written. */
  public static final double READ = 0.9;
  public static final double PDF = 0.93;
  public static final double OSCAL = 0.95;

  private final ReportReader reader;
  /** The package writer for a report generated at a moment: its audit export is dated then. */
  private final Function<Instant, EvidencePackage> packageAt;

  public PeriodReport(ReportReader reader, AuditLog log, CheckpointStore checkpoints) {
    this.reader = reader;
    this.packageAt = at -> new EvidencePackage(new Exporter(log, checkpoints, Clock.fixed(at, ZoneOffset.UTC))::export,
        checkpoints.signer()::signNote);
  }

  @Override
  public Artifacts generate(ReportRequest request, Path dir, DoubleConsumer progress) throws IOException {
    Path pdf = dir.resolve(ReportFile.PDF);
    Path oscal = dir.resolve(ReportFile.OSCAL);
    Path zip = dir.resolve(ReportFile.PACKAGE);
    int pages;
    try (OutputStream out = Files.newOutputStream(zip);
        EvidencePackage.Writing pack = packageAt.apply(request.generatedAt()).open(request.generatedAt(), out)) {
      // One pass over the period: the package takes the entries and runs as the reader reads them.
      ReportContent content = reader.read(request, p -> progress.accept(READ * p), pack);
      try (OutputStream o = Files.newOutputStream(pdf)) {
        pages = ReportPdf.write(content, o);
      }
      progress.accept(PDF);
      Files.write(oscal, AssessmentResults.render(content));
      progress.accept(OSCAL);
      pack.finish(content, o -> Files.copy(pdf, o), o -> Files.copy(oscal, o));
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
