package dev.vigil.reports.pdf;

import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.period.Period;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Renders a report's content as {@code report.pdf}: cover, contents, system description, one
 * section per control, appendices; bookmarks for every section and control, "page x of y" on
 * every page, PDF/A-2b metadata. Pure: the same content gives the same PDF, byte for byte.
 */
public final class ReportPdf {

  static final String DEFAULT_TITLE = "Controls over AI agents";

  private ReportPdf() {}

  /** Writes the PDF to {@code out} (left open) and returns its page count. */
  public static int write(ReportContent content, OutputStream out) {
    try (PDDocument doc = new PDDocument()) {
      Fonts fonts = Fonts.load(doc);
      List<Heading> body;
      try (PageFlow flow = new PageFlow(doc)) {
        Blocks blocks = new Blocks(flow, fonts);
        CoverPage.write(blocks, content);
        SystemSection.write(blocks, content);
        controls(blocks, content);
        Appendices.write(blocks, content);
        body = blocks.headings();
      }
      Heading contents = Contents.insert(doc, fonts, body, doc.getPage(0));
      List<Heading> all = new ArrayList<>(body);
      all.add(1, contents);
      Bookmarks.attach(doc, all);
      String caption = CoverPage.displayName(content) + " · " + title(content) + " · " + periodWords(content.period());
      PageNumbers.stamp(doc, fonts, caption);
      PdfA.apply(doc, content.reportId(), fonts.printable.clean(title(content) + " — " + CoverPage.displayName(content)),
          fonts.printable.clean("Vigil " + (content.vigilVersion() == null ? "" : content.vigilVersion())).strip(),
          content.generatedAt());
      doc.save(out);
      return doc.getNumberOfPages();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void controls(Blocks blocks, ReportContent content) {
    blocks.chapter(0, "Controls");
    if (content.controls().isEmpty()) {
      blocks.paragraph("This report covers no controls: none was enabled for the tenant in the period, so there is "
          + "no test of operating effectiveness to report.");
      return;
    }
    blocks.paragraph("One section per control, in catalog order: the control as declared and how Vigil tests it, "
        + "its runs in the period, its status over the period, the conclusion with every deviation (a stretch in "
        + "which it was failing, or could not be tested), the approved exceptions in force, and the auditor's sample.");
    Table summary = new Table(blocks, new Table.Column("Control", 4.5f), new Table.Column("Passing", 1),
        new Table.Column("Conclusion", 2));
    for (ControlSection c : content.controls()) {
      summary.row(ControlChapter.title(c.period()), Formats.percent(c.period().passingShare()), c.period().conclusion());
    }
    summary.draw();
    for (ControlSection c : content.controls()) ControlChapter.write(blocks, c, content.system().people());
  }

  static String title(ReportContent content) {
    return content.title() == null || content.title().isBlank() ? DEFAULT_TITLE : content.title();
  }

  static String periodWords(Period period) {
    return Formats.day(period.from()) + " to " + Formats.day(period.to());
  }
}
