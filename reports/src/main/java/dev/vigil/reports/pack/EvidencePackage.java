package dev.vigil.reports.pack;

import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.evidence.PackageManifest;
import dev.vigil.controls.audit.evidence.PackageNote;
import dev.vigil.reports.PackageLayout;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.period.Period;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes a report's evidence package ({@code evidence.zip}, docs/reports.md "Evidence
 * package"): the PDF and OSCAL document as given, per control its runs (streamed from the
 * database a page at a time) and deviations, the findings, exceptions, samples and populations
 * sampled as CSV, the audit export covering the period, then {@code manifest.json} listing every
 * file with its size and SHA-256 and {@code manifest.sig}, a signed note over the manifest's
 * hash. Every zip member is dated at the report's generation time, so the same content and data
 * give the same manifest. Thread-safe.
 */
public final class EvidencePackage {

  private final RunSource runs;
  private final AuditExport audit;
  private final UnaryOperator<String> signNote;

  /**
   * @param signNote signs a note body with the tenant's checkpoint key ({@code CheckpointSigner::signNote})
   */
  public EvidencePackage(RunSource runs, AuditExport audit, UnaryOperator<String> signNote) {
    this.runs = runs;
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

  /** Writes the package to {@code out}, which it closes. */
  public Written write(ReportContent content, Body pdf, Body oscal, OutputStream out)
      throws IOException {
    String tenant = content.tenantId();
    Period period = content.period();
    try (ZipSink zip = new ZipSink(out, content.generatedAt())) {
      zip.add(PackageLayout.REPORT_PDF, pdf);
      zip.add(PackageLayout.ASSESSMENT_RESULTS, oscal);
      for (ControlSection s : content.controls()) {
        String id = s.period().control().id();
        zip.add(PackageLayout.runs(id), o -> runs.forEach(tenant, id, period, (run, evidence) -> {
          if (!run.controlId().equals(id)) throw new IllegalStateException("run " + run.id() + " is not of " + id);
          RunLines.write(run, evidence, o);
        }));
        zip.add(PackageLayout.deviations(id), o -> Tables.deviations(s.period(), o));
      }
      zip.add(PackageLayout.FINDINGS, o -> Tables.findings(content, o));
      zip.add(PackageLayout.EXCEPTIONS, o -> Tables.exceptions(content, o));
      zip.add(PackageLayout.SAMPLES, o -> Tables.samples(content, o));
      for (Map.Entry<String, Tables.Population> p : Tables.populations(content).entrySet()) {
        zip.add(PackageLayout.population(p.getKey()), o -> p.getValue().write(o));
      }
      zip.add(PackageLayout.AUDIT_BUNDLE, o -> audit.export(tenant, period.from(), period.to(), o));

      PackageManifest manifest = new PackageManifest(content.reportId(), tenant, period.from(), period.to(),
          content.generatedAt(), PackageLayout.AUDIT_BUNDLE, zip.files());
      byte[] json = manifest.toJson();
      String sha = Sha256.hex(json);
      String note = signNote.apply(new PackageNote(tenant, content.reportId(), sha).body());
      zip.addUnlisted(PackageLayout.MANIFEST, json);
      zip.addUnlisted(PackageLayout.MANIFEST_SIGNATURE, note.getBytes(StandardCharsets.UTF_8));
      return new Written(manifest, sha, note);
    }
  }
}
