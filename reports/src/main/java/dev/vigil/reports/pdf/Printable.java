package dev.vigil.reports.pdf;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Makes text safe to show: tabs become spaces, other control characters and characters that
 * one of the fonts has no glyph for become "?", so a stray character in a tenant's data never
 * stops a report from rendering. Line breaks are kept for {@link LineWrapper}.
 */
final class Printable {

  private final List<PDFont> fonts;
  /** Per code point, whether every font can show it; one renderer's cache, never shared. */
  private final Map<Integer, Boolean> known = new HashMap<>();

  Printable(List<PDFont> fonts) {
    this.fonts = List.copyOf(fonts);
  }

  String clean(String text) {
    if (text == null) return "";
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (cp == '\n') out.append('\n');
      else if (cp == '\t') out.append(' ');
      else if (cp == '\r') return;
      else if (Character.isISOControl(cp) || !known.computeIfAbsent(cp, this::shown)) out.append('?');
      else out.appendCodePoint(cp);
    });
    return out.toString();
  }

  private boolean shown(int codePoint) {
    String s = new String(Character.toChars(codePoint));
    for (PDFont f : fonts) {
      try {
        f.encode(s);
      } catch (IllegalArgumentException | IOException e) {
        return false;
      }
    }
    return true;
  }
}
