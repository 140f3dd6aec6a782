package dev.vigil.reports.pdf;

import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;

/**
 * The table of contents, placed after the cover once the body is rendered and every heading's
 * page is known. Its own length shifts the page numbers it prints, so it is laid out for a guessed
 * number of pages and laid out again when the guess was wrong (its lines do not depend on the
 * numbers' values, so the second layout holds).
 */
final class Contents {

  static final String TITLE = "Contents";
  private static final float NUMBER_COLUMN = 40;
  private static final float INDENT = 14;

  private Contents() {}

  /** Inserts the contents after {@code after} (the cover); returns its heading. */
  static Heading insert(PDDocument doc, Fonts fonts, List<Heading> headings, PDPage after) {
    PDPageTree tree = doc.getPages();
    int guess = 1;
    while (true) {
      List<PDPage> pages = layout(doc, fonts, headings, guess);
      if (pages.size() == guess) {
        PDPage previous = after;
        for (PDPage p : pages) {
          tree.remove(p);
          tree.insertAfter(p, previous);
          previous = p;
        }
        return new Heading(0, TITLE, pages.get(0), PageFlow.SIZE.getHeight() - PageFlow.TOP_MARGIN, false);
      }
      pages.forEach(tree::remove);
      guess = pages.size();
    }
  }

  /** Lays the contents out on pages added at the end, numbering body pages as if it took {@code ownPages}. */
  private static List<PDPage> layout(PDDocument doc, Fonts fonts, List<Heading> headings, int ownPages) {
    PDPageTree tree = doc.getPages();
    try (PageFlow flow = new PageFlow(doc)) {
      Blocks blocks = new Blocks(flow, fonts);
      flow.newPage();
      blocks.lines(fonts.h1.sized(18), TITLE, 0);
      flow.down(14);
      for (Heading h : headings) {
        if (!h.listed()) continue;
        // the body follows the cover (index 0) and the contents
        int number = tree.indexOf(h.page()) + 1 + ownPages;
        Style style = h.level() == 0 ? fonts.bold : fonts.body;
        float indent = h.level() * INDENT;
        if (h.level() == 0) flow.down(4);
        List<String> lines = LineWrapper.wrap(h.title(), style, flow.width() - indent - NUMBER_COLUMN);
        for (int i = 0; i < lines.size(); i++) {
          flow.ensure(style.leading());
          float baseline = flow.y() - style.size();
          flow.ink().text(style, flow.left() + indent, baseline, lines.get(i));
          if (i == lines.size() - 1) flow.ink().textRight(style, flow.right(), baseline, Integer.toString(number));
          flow.down(style.leading());
        }
      }
      return flow.pages();
    }
  }
}
