package dev.vigil.reports.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.font.PDFont;

/** A font at a size in a colour: how a run of text looks and how wide it is. */
record Style(PDFont font, float size, Rgb color) {

  /** The distance between baselines of consecutive lines. */
  float leading() {
    return size * 1.35f;
  }

  /** The width of {@code text} in points; the text must hold only glyphs the font has ({@link Printable}). */
  float width(String text) {
    try {
      return font.getStringWidth(text) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Style sized(float newSize) {
    return new Style(font, newSize, color);
  }

  Style colored(Rgb newColor) {
    return new Style(font, size, newColor);
  }
}
