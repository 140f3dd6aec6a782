package dev.vigil.reports.pdf;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks text into lines no wider than a width: at spaces where it can, inside a word (an id,
 * a hash) only when the word alone is too wide. Line breaks in the text start new lines.
 */
final class LineWrapper {

  private LineWrapper() {}

  static List<String> wrap(String text, Style style, float width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      wrapParagraph(paragraph.strip(), style, width, lines);
    }
    return lines;
  }

  private static void wrapParagraph(String paragraph, Style style, float width, List<String> lines) {
    StringBuilder line = new StringBuilder();
    for (String word : paragraph.split(" +")) {
      if (word.isEmpty()) continue;
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (style.width(candidate) <= width) {
        line.setLength(0);
        line.append(candidate);
        continue;
      }
      if (line.length() > 0) lines.add(line.toString());
      line.setLength(0);
      String rest = word;
      while (style.width(rest) > width) {
        int cut = fitting(rest, style, width);
        lines.add(rest.substring(0, cut));
        rest = rest.substring(cut);
      }
      line.append(rest);
    }
    lines.add(line.toString());
  }

  /** How many leading chars of {@code word} fit (at least one code point, so wrapping always advances). */
  private static int fitting(String word, Style style, float width) {
    int end = word.offsetByCodePoints(0, 1);
    while (end < word.length()) {
      int next = word.offsetByCodePoints(end, 1);
      if (style.width(word.substring(0, next)) > width) break;
      end = next;
    }
    return end;
  }
}
