package dev.vigil.reports.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/** Draws on one page: text on a baseline, filled and stroked rectangles, rules. */
final class Ink {

  private final PDPageContentStream cs;

  Ink(PDPageContentStream cs) {
    this.cs = cs;
  }

  /** {@code text} (already {@link Printable}) with its baseline at {@code y}. */
  void text(Style style, float x, float y, String text) {
    if (text.isEmpty()) return;
    try {
      cs.setNonStrokingColor(style.color().r(), style.color().g(), style.color().b());
      cs.beginText();
      cs.setFont(style.font(), style.size());
      cs.newLineAtOffset(x, y);
      cs.showText(text);
      cs.endText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code text} ending at {@code right}. */
  void textRight(Style style, float right, float y, String text) {
    text(style, right - style.width(text), y, text);
  }

  void fill(Rgb color, float x, float y, float width, float height) {
    try {
      cs.setNonStrokingColor(color.r(), color.g(), color.b());
      cs.addRect(x, y, width, height);
      cs.fill();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void frame(Rgb color, float lineWidth, float x, float y, float width, float height) {
    try {
      cs.setStrokingColor(color.r(), color.g(), color.b());
      cs.setLineWidth(lineWidth);
      cs.addRect(x, y, width, height);
      cs.stroke();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void rule(Rgb color, float lineWidth, float x1, float y, float x2) {
    try {
      cs.setStrokingColor(color.r(), color.g(), color.b());
      cs.setLineWidth(lineWidth);
      cs.moveTo(x1, y);
      cs.lineTo(x2, y);
      cs.stroke();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
