package dev.vigil.reports.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;

/**
 * The footer of every page: what the report is on the left, "page x of y" on the right. Stamped
 * last, once the page count is known (the contents are inserted after the body is laid out).
 */
final class PageNumbers {

  static final float BASELINE = 34;

  private PageNumbers() {}

  static void stamp(PDDocument doc, Fonts fonts, String caption) {
    Style style = fonts.small.colored(Rgb.MUTED);
    int total = doc.getNumberOfPages();
    float left = PageFlow.MARGIN;
    float right = PageFlow.SIZE.getWidth() - PageFlow.MARGIN;
    String shownCaption = fit(fonts.printable.clean(caption), style, right - left - 90);
    int number = 0;
    for (PDPage page : doc.getPages()) {
      number++;
      try (PDPageContentStream cs = new PDPageContentStream(doc, page, AppendMode.APPEND, true, true)) {
        Ink ink = new Ink(cs);
        ink.rule(Rgb.RULE, 0.4f, left, BASELINE + 12, right);
        ink.text(style, left, BASELINE, shownCaption);
        ink.textRight(style, right, BASELINE, "page " + number + " of " + total);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code text}, shortened with "…" to fit {@code width}. */
  private static String fit(String text, Style style, float width) {
    if (style.width(text) <= width) return text;
    String t = text;
    while (!t.isEmpty() && style.width(t + "…") > width) t = t.substring(0, t.offsetByCodePoints(t.length(), -1));
    return t + "…";
  }
}
