package dev.vigil.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/** The layout pieces on their own: wrapping, unprintable characters, a row taller than a page. */
class LayoutTest {

  @Test
  void charactersTheFontLacksAndControlCharactersBecomeQuestionMarks() throws IOException {
    try (PDDocument doc = new PDDocument()) {
      Fonts fonts = Fonts.load(doc);
      assertThat(fonts.printable.clean("Zoë\u0007 — 漢\tok")).isEqualTo("Zoë? — ? ok");
      assertThat(fonts.printable.clean(null)).isEmpty();
    }
  }

  @Test
  void aWordWiderThanTheLineIsCutAndNothingIsLost() throws IOException {
    try (PDDocument doc = new PDDocument()) {
      Fonts fonts = Fonts.load(doc);
      String hash = "0123456789abcdef".repeat(8);
      List<String> lines = LineWrapper.wrap("head " + hash + " tail", fonts.body, 120);
      assertThat(lines).allSatisfy(l -> assertThat(fonts.body.width(l)).isLessThanOrEqualTo(120));
      assertThat(String.join("", lines).replace(" ", "")).isEqualTo("head" + hash + "tail");
      assertThat(LineWrapper.wrap("one\ntwo", fonts.body, 400)).containsExactly("one", "two");
    }
  }

  @Test
  void aRowTallerThanAPageIsSplitAcrossPagesUnderTheHeader() throws IOException {
    String cell = IntStream.rangeClosed(1, 150).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PDDocument doc = new PDDocument()) {
      Fonts fonts = Fonts.load(doc);
      try (PageFlow flow = new PageFlow(doc)) {
        Blocks blocks = new Blocks(flow, fonts);
        flow.newPage();
        blocks.paragraph("Before the table.");
        new Table(blocks, new Table.Column("Name", 1), new Table.Column("Lines of a long cell", 3))
            .row("short", "one line").row("tall", cell).draw();
      }
      doc.save(out);
    }
    List<String> pages = ReportPdfTest.pageTexts(out.toByteArray());
    assertThat(pages).hasSizeGreaterThanOrEqualTo(2);
    pages.forEach(p -> assertThat(p).contains("Lines of a long cell"));
    String all = String.join("\n", pages);
    for (int i = 1; i <= 150; i++) assertThat(all).containsOnlyOnce("line " + i + "\n");
  }
}
