package dev.vigil.reports.pdf;

import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.ReportContent;

/**
 * The first page: what the report is, for whom, over which period, when and by which Vigil it
 * was generated, and the audit chain's head and signed checkpoint it is bound to. The evidence
 * package's own SHA-256 is not here: the package contains this file, so it goes in the manifest.
 */
final class CoverPage {

  private CoverPage() {}

  static void write(Blocks blocks, ReportContent content) {
    PageFlow flow = blocks.flow;
    Fonts fonts = blocks.fonts;
    flow.newPage();
    blocks.bookmark("Cover");
    flow.down(70);
    blocks.lines(fonts.small.colored(Rgb.MUTED).sized(10), "SOC 2 TYPE II REPORT", 0);
    flow.down(6);
    blocks.lines(fonts.title, ReportPdf.title(content), 0);
    flow.down(10);
    blocks.lines(fonts.h2.colored(Rgb.TEXT).sized(14), displayName(content), 0);
    flow.down(4);
    blocks.lines(fonts.body.colored(Rgb.MUTED).sized(11), ReportPdf.periodWords(content.period()), 0);
    flow.down(40);

    blocks.field("Tenant", displayName(content) + " (" + content.tenantId() + ")");
    blocks.field("Period", Formats.time(content.period().from()) + " to " + Formats.time(content.period().to())
        + ", the end excluded");
    blocks.field("Generated at", Formats.time(content.generatedAt()));
    blocks.field("Vigil version", content.vigilVersion() == null ? "unknown" : content.vigilVersion());
    blocks.field("Report id", content.reportId());

    blocks.subheading("Audit chain");
    ChainStatement chain = content.chain();
    blocks.field("Entries of the period", chain.firstSeq() + ".." + chain.lastSeq());
    blocks.field("Head hash", chain.headHash(), fonts.mono);
    Checkpoint cp = chain.checkpoint();
    blocks.subheading("Signed checkpoint covering the period's end");
    if (cp == null) {
      blocks.paragraph("None: no checkpoint was signed at or after the period's last entry.");
    } else {
      blocks.field("Size", Formats.count(cp.size()) + " entries");
      blocks.field("Head hash", cp.headHash(), fonts.mono);
      blocks.field("Issued at", Formats.time(cp.issuedAt()));
      blocks.field("Key id", chain.keyId());
    }
    flow.down(16);
    blocks.paragraph(fonts.small.colored(Rgb.MUTED), "All times are UTC. A period includes its start and excludes "
        + "its end. Anyone with the service's checkpoint public key (GET /api/v1/audit/public-key; its id is the "
        + "key id above) can verify the checkpoint's signature; "
        + "appendix D states what was verified.");
  }

  static String displayName(ReportContent content) {
    return content.tenantName() == null || content.tenantName().isBlank() ? content.tenantId() : content.tenantName();
  }
}
