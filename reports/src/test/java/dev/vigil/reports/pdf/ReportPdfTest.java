package dev.vigil.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.period.PeriodDeviation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportPdfTest {

  static byte[] pdf;
  static List<String> pages;

  @BeforeAll
  static void render() throws IOException {
    pdf = bytes(ReportFixture.report());
    pages = pageTexts(pdf);
    // for a person to look at: the fixture report as rendered
    Files.write(Path.of("target", "fixture-report.pdf"), pdf);
  }

  @Test
  void aReportWithNoControlsStillRendersAndSaysSo() throws IOException {
    byte[] empty = bytes(ReportFixture.noControls());
    List<String> texts = pageTexts(empty);
    String all = String.join("\n", texts);
    assertThat(all).contains("This report covers no controls").contains("No control in this report examines a population")
        .contains("Zoë Analytics");
    assertThat(texts.get(0)).contains("page 1 of " + texts.size());
    assertThat(texts.get(texts.size() - 1)).contains("page " + texts.size() + " of " + texts.size());
  }

  @Test
  void peopleAreNamedBesideTheirIds() {
    String all = flat(pages);
    assertThat(all).as("a sampled entry's author").contains("grant.updated by user " + ReportFixture.APPROVER
        + " (usr_zoe)");
    assertThat(all).as("an exception's approver").contains("Ana Ruiz (usr_ana)");
  }

  @Test
  void anExceptionRevokedBeforeItLapsedEndsWhereItWasRevoked() {
    String all = flat(pages);
    assertThat(all).contains("revoked 2026-03-04 08:00 by Cyd Okafor (usr_ciso)").doesNotContain("until 2026-03-05");
    assertThat(all).as("one in force to the end").contains("until 2026-05-01 00:00");
  }

  @Test
  void everyControlAndEveryDeviationIsInTheText() {
    String all = flat(pages);
    for (ControlSection c : ReportFixture.report().controls()) {
      assertThat(all).contains(c.period().control().id() + " — " + c.period().control().title());
      for (PeriodDeviation d : c.period().deviations()) assertThat(all).contains(Formats.stamp(d.start()));
    }
    assertThat(all).contains("2026-02-27 22:00 before period", "open at period end", "No deviations noted.",
        "1 deviation noted.", "2 deviations noted.", "not evaluated: facts failed to load", "2 d 11 h 30 min");
    assertThat(all).as("a deviation's findings by id, with their member").contains("fnd_1 (grt_7) opened");
  }

  @Test
  void aControlNotApplicableThroughoutSaysSoRatherThanNoDeviationsOrPassing() throws IOException {
    String all = flat(pageTexts(bytes(ReportFixture.content(List.of(ReportFixture.ir1NotApplicable())))));
    assertThat(all).contains("Not applicable: every run in the period found no incident detected in the window.",
        "Passing 0.0% of the period",
        "Not applicable 100.0% of the period (its runs found no incident detected in the window)",
        "not applicable 100.0%").doesNotContain("No deviations noted");
  }

  @Test
  void aShortErrorInALongPeriodIsNotPrintedAsNone() {
    // LG-1 was in error for 5 minutes of March: the legend must not say 0.0%
    assertThat(flat(pages)).contains("error <0.1%");
  }

  @Test
  void nonAsciiNamesRender() {
    String all = flat(pages);
    assertThat(all).contains("Zoë Analytics", ReportFixture.EM_DASH_NAME, ReportFixture.APPROVER, "Zoë Mail GmbH",
        "agt_zoë", "agt_zoë: Zoë's agent logs nothing");
  }

  @Test
  void theCoverNamesTheTenantPeriodAndCheckpointButNotThePackageHash() {
    String cover = pages.get(0);
    assertThat(cover).contains("Zoë Analytics (ten_zoe)", "2026-03-01 00:00 UTC to 2026-04-01 00:00 UTC",
        "2026-04-02 08:00 UTC", "0.1.0", ReportFixture.HEAD, "4,210 entries", "kid_zoe_1", "120..4200");
    assertThat(cover).doesNotContainIgnoringCase("sha-256");
  }

  @Test
  void everyPageIsNumberedOutOfTheTotal() {
    int n = pages.size();
    assertThat(n).isGreaterThan(5);
    for (int i = 0; i < n; i++) assertThat(pages.get(i)).contains("page " + (i + 1) + " of " + n);
  }

  @Test
  void aTableOverSeveralPagesRepeatsItsHeader() {
    List<Integer> withSample = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      if (pages.get(i).contains("grt_0") && pages.get(i).contains("run_a")) withSample.add(i);
    }
    assertThat(withSample).hasSizeGreaterThanOrEqualTo(2);
    for (int i : withSample) assertThat(pages.get(i)).contains("Examinations in the period", "Chain entries");
    assertThat(String.join("\n", pages)).contains("grt_001", "grt_040");
  }

  @Test
  void theContentsAndBookmarksListEveryControl() throws IOException {
    String contents = pages.get(1);
    assertThat(contents).startsWith("Contents").contains("System description", "Controls", "Appendices",
        "D. Chain verification");
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<String> top = new ArrayList<>();
      List<String> controls = new ArrayList<>();
      for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
        top.add(item.getTitle());
        if (item.getTitle().equals("Controls")) item.children().forEach(c -> controls.add(c.getTitle()));
      }
      assertThat(top).containsExactly("Cover", "Contents", "System description", "Controls", "Appendices");
      assertThat(controls).containsExactly("AC-1 — No wildcard or admin scopes", "AC-2 — Grants expire",
          "LG-1 — Audit logging is on for every agent", "VM-1 — Vendors reviewed within a year");
      // each control's bookmark opens the page its section starts on, which the contents also give
      for (PDOutlineItem c : outlineChildren(doc, "Controls")) {
        PDPage page = c.findDestinationPage(doc);
        int number = doc.getPages().indexOf(page) + 1;
        assertThat(pages.get(number - 1)).contains(c.getTitle());
        assertThat(contents).contains(c.getTitle() + " " + number);
      }
    }
  }

  @Test
  void theFontsAreEmbedded() throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<String> names = new ArrayList<>();
      for (PDPage page : doc.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertThat(font).isInstanceOf(PDType0Font.class);
          assertThat(font.isEmbedded()).as(font.getName()).isTrue();
          names.add(font.getName());
        }
      }
      assertThat(names).anyMatch(n -> n.endsWith("DejaVuSans")).anyMatch(n -> n.endsWith("DejaVuSans-Bold"));
    }
  }

  @Test
  void theSameContentRendersTheSamePdf() throws IOException {
    byte[] again = bytes(ReportFixture.report());
    assertThat(pageTexts(again)).isEqualTo(pages);
    assertThat(again).isEqualTo(pdf);
  }

  private static List<PDOutlineItem> outlineChildren(PDDocument doc, String title) {
    List<PDOutlineItem> out = new ArrayList<>();
    for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
      if (item.getTitle().equals(title)) item.children().forEach(out::add);
    }
    return out;
  }

  /** The text of all pages with every run of white space (a wrapped line) as one space. */
  static String flat(List<String> texts) {
    return String.join(" ", texts).replaceAll("\\s+", " ");
  }

  static byte[] bytes(ReportContent content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = ReportPdf.write(content, out);
    assertThat(n).isPositive();
    return out.toByteArray();
  }

  static List<String> pageTexts(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<String> out = new ArrayList<>();
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setLineSeparator("\n");
      for (int i = 1; i <= doc.getNumberOfPages(); i++) {
        stripper.setStartPage(i);
        stripper.setEndPage(i);
        out.add(stripper.getText(doc));
      }
      return out;
    }
  }
}
