package dev.vigil.reports.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report's typefaces, DejaVu Sans (regular, bold) and DejaVu Sans Mono for hashes, read from
 * the {@code net.sf.jasperreports:jasperreports-fonts} jar and embedded as subsets (every font
 * in a PDF/A file must be embedded), with the styles the report uses.
 */
final class Fonts {

  static final String DIR = "/net/sf/jasperreports/fonts/dejavu/";

  final Style body;
  final Style bold;
  final Style small;
  final Style smallBold;
  final Style mono;
  final Style title;
  final Style h1;
  final Style h2;
  final Printable printable;

  private Fonts(PDType0Font regular, PDType0Font boldFont, PDType0Font monoFont) {
    body = new Style(regular, 9.5f, Rgb.TEXT);
    bold = new Style(boldFont, 9.5f, Rgb.TEXT);
    small = new Style(regular, 8f, Rgb.TEXT);
    smallBold = new Style(boldFont, 8f, Rgb.TEXT);
    mono = new Style(monoFont, 8f, Rgb.TEXT);
    title = new Style(boldFont, 22f, Rgb.ACCENT);
    h1 = new Style(boldFont, 15f, Rgb.ACCENT);
    h2 = new Style(boldFont, 11.5f, Rgb.ACCENT);
    printable = new Printable(List.of(regular, boldFont, monoFont));
  }

  static Fonts load(PDDocument doc) {
    return new Fonts(font(doc, "DejaVuSans.ttf"), font(doc, "DejaVuSans-Bold.ttf"), font(doc, "DejaVuSansMono.ttf"));
  }

  private static PDType0Font font(PDDocument doc, String file) {
    try (InputStream in = Fonts.class.getResourceAsStream(DIR + file)) {
      if (in == null) throw new IllegalStateException("font " + DIR + file + " is not on the classpath (jasperreports-fonts)");
      return PDType0Font.load(doc, in, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
