package dev.vigil.reports.pack;

import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.evidence.PackageManifest;
import dev.vigil.controls.audit.evidence.PackageNote;
import dev.vigil.reports.PackageLayout;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.load.PeriodSink;
import dev.vigil.reports.load.RunSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Writes a report's evidence package ({@code evidence.zip}, docs/reports.md "Evidence
 * package"): the audit export covering the period and, per control, its runs, both streamed in
 * while the period is read ({@link Writing} is the reader's {@link PeriodSink}); then the PDF and
 * OSCAL document as given, each control's deviations, the findings, exceptions, samples and
 * populations sampled as CSV, {@code manifest.json} listing every file with its size and
 * SHA-256, and {@code manifest.sig}, a signed note over the manifest's hash. Every zip member is
 * dated at the report's generation time, so the same content and data give the same manifest.
 * Thread-safe; a {@link Writing} is not.
 */
public final class EvidencePackage {

  private final AuditExport audit;
  private final UnaryOperator<String> signNote;

  /**
   * @param signNote signs a note body with the tenant's checkpoint key ({@code CheckpointSigner::signNote})
   */
  public EvidencePackage(AuditExport audit, UnaryOperator<String> signNote) {
    this.audit = audit;
    this.signNote = signNote;
  }

  /** Writes one file's bytes to the stream it is given, and does not close it. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What was written: the manifest and its signed note. */
  public record Written(PackageManifest manifest, String manifestSha256, String signedNote) {}

  /** Starts a package generated at {@code generatedAt} on {@code out}, which closing the writing closes. */
  public Writing open(Instant generatedAt, OutputStream out) {
    return new Writing(new ZipSink(out, generatedAt));
  }

  /**
   * Writes the package of content read already to {@code out}, which it closes: the audit
   * bundle of the content's chain range, and each control's runs read from {@code runs}.
   */
  public Written write(ReportContent content, RunSource runs, Body pdf, Body oscal, OutputStream out)
      throws IOException {
    try (Writing w = open(content.generatedAt(), out)) {
      ChainStatement chain = content.chain();
      w.entries(content.tenantId(), new AuditLog.Range(chain.firstSeq(), chain.lastSeq()), e -> { });
      for (ControlSection s : content.controls()) {
        String id = s.period().control().id();
        w.runs(id, each -> runs.forEach(content.tenantId(), id, content.period(), each));
      }
      return w.finish(content, pdf, oscal);
    }
  }

  /**
   * A package being written: the period's reader streams the audit bundle and each control's
   * runs into it, then {@link #finish} adds the rest and the signed manifest. Closing it without
   * finishing leaves an unsigned, incomplete zip for the caller to discard.
   */
  public final class Writing implements PeriodSink, AutoCloseable {

    private final ZipSink zip;
    private final Set<String> controlsWritten = new HashSet<>();
    private String tenantWritten;

    private Writing(ZipSink zip) {
      this.zip = zip;
    }

    @Override
    public void entries(String tenantId, AuditLog.Range range, Consumer<AuditLog.StoredEntry> each)
        throws IOException {
      // Already deflated inside: stored as it is rather than deflated a second time for nothing.
      zip.addStored(PackageLayout.AUDIT_BUNDLE, o -> audit.export(tenantId, range, o, each));
      tenantWritten = tenantId;
    }

    @Override
    public void runs(String controlId, RunPass pass) throws IOException {
      zip.add(PackageLayout.runs(controlId), o -> {
        try (RunLines lines = new RunLines(o)) {
          pass.read((run, evidence) -> {
            if (!run.controlId().equals(controlId)) {
              throw new IllegalStateException("run " + run.id() + " is not of " + controlId);
            }
            lines.write(run, evidence);
          });
        }
      });
      controlsWritten.add(controlId);
    }

    /** Adds the rest of the package for {@code content}, whose read streamed into this writing, and signs it. */
    public Written finish(ReportContent content, Body pdf, Body oscal) throws IOException {
      String tenant = content.tenantId();
      if (!tenant.equals(tenantWritten)) {
        throw new IllegalStateException("the audit bundle of tenant " + tenant + " was not written");
      }
      zip.add(PackageLayout.REPORT_PDF, pdf);
      zip.add(PackageLayout.ASSESSMENT_RESULTS, oscal);
      for (ControlSection s : content.controls()) {
        String id = s.period().control().id();
        if (!controlsWritten.contains(id)) throw new IllegalStateException("the runs of " + id + " were not written");
        zip.add(PackageLayout.deviations(id), o -> Tables.deviations(s.period(), o));
      }
      zip.add(PackageLayout.FINDINGS, o -> Tables.findings(content, o));
      zip.add(PackageLayout.EXCEPTIONS, o -> Tables.exceptions(content, o));
      zip.add(PackageLayout.SAMPLES, o -> Tables.samples(content, o));
      for (Map.Entry<String, Tables.Population> p : Tables.populations(content).entrySet()) {
        zip.add(PackageLayout.population(p.getKey()), o -> p.getValue().write(o));
      }

      PackageManifest manifest = new PackageManifest(content.reportId(), tenant, content.period().from(),
          content.period().to(), content.generatedAt(), PackageLayout.AUDIT_BUNDLE, zip.files());
      byte[] json = manifest.toJson();
      String sha = Sha256.hex(json);
      String note = signNote.apply(new PackageNote(tenant, content.reportId(), sha).body());
      zip.addUnlisted(PackageLayout.MANIFEST, json);
      zip.addUnlisted(PackageLayout.MANIFEST_SIGNATURE, note.getBytes(StandardCharsets.UTF_8));
      return new Written(manifest, sha, note);
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }
}
