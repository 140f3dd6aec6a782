package dev.vigil.reports.pdf;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the report's text blocks into a {@link PageFlow}: headings (kept with the text after
 * them, and remembered for the contents and bookmarks), wrapped paragraphs, and label-value
 * fields. All text passes through {@link Printable} first.
 */
final class Blocks {

  static final float LABEL_WIDTH = 130;

  final PageFlow flow;
  final Fonts fonts;
  private final List<Heading> headings = new ArrayList<>();

  Blocks(PageFlow flow, Fonts fonts) {
    this.flow = flow;
    this.fonts = fonts;
  }

  List<Heading> headings() {
    return List.copyOf(headings);
  }

  /** A part's heading (level 0) or a section's (level 1), on a new page, listed in the contents. */
  void chapter(int level, String title) {
    flow.newPage();
    Style style = level == 0 ? fonts.h1.sized(18) : fonts.h1;
    headings.add(new Heading(level, fonts.printable.clean(title), flow.page(), flow.y(), true));
    lines(style, title, 0);
    flow.down(6);
    flow.ink().rule(Rgb.ACCENT, 0.8f, flow.left(), flow.y() + 2, flow.right());
    flow.down(10);
  }

  /**
   * A section listed in the contents (level 1) that follows on the same page when a few lines of
   * it fit: for short parts such as the appendices.
   */
  void section(String title) {
    flow.ensure(fonts.h1.leading() + 16 + 4 * fonts.body.leading());
    if (!flow.atTop()) flow.down(14);
    headings.add(new Heading(1, fonts.printable.clean(title), flow.page(), flow.y(), true));
    lines(fonts.h1, title, 0);
    flow.down(6);
  }

  /** Marks the current position with a bookmark that the contents do not list. */
  void bookmark(String title) {
    headings.add(new Heading(0, fonts.printable.clean(title), flow.page(), flow.y(), false));
  }

  /** A subheading within a section, kept on a page with at least a few lines after it. */
  void subheading(String text) {
    flow.ensure(fonts.h2.leading() + 6 + 4 * fonts.body.leading());
    if (!flow.atTop()) flow.down(8);
    lines(fonts.h2, text, 0);
    flow.down(3);
  }

  void paragraph(String text) {
    paragraph(fonts.body, text);
  }

  void paragraph(Style style, String text) {
    lines(style, text, 0);
    flow.down(style.leading() * 0.4f);
  }

  /** A label and its value side by side, the value wrapped in its column. */
  void field(String label, String value) {
    field(label, value, fonts.body);
  }

  /** A field whose value is set in {@code style} (hashes in mono, so 64 hex digits fit on a line). */
  void field(String label, String value, Style style) {
    List<String> labelLines = LineWrapper.wrap(fonts.printable.clean(label), fonts.bold, LABEL_WIDTH - 8);
    List<String> valueLines = LineWrapper.wrap(fonts.printable.clean(value), style, flow.width() - LABEL_WIDTH);
    int n = Math.max(labelLines.size(), valueLines.size());
    for (int i = 0; i < n; i++) {
      flow.ensure(fonts.body.leading());
      float baseline = flow.y() - fonts.body.size();
      if (i < labelLines.size()) flow.ink().text(fonts.bold.colored(Rgb.MUTED), flow.left(), baseline, labelLines.get(i));
      if (i < valueLines.size()) flow.ink().text(style, flow.left() + LABEL_WIDTH, baseline, valueLines.get(i));
      flow.down(fonts.body.leading());
    }
    flow.down(1.5f);
  }

  void gap(float height) {
    if (!flow.atTop()) flow.down(height);
  }

  /** Wrapped lines of {@code text} from {@code indent}, breaking pages between lines. */
  void lines(Style style, String text, float indent) {
    for (String line : LineWrapper.wrap(fonts.printable.clean(text), style, flow.width() - indent)) {
      flow.ensure(style.leading());
      flow.ink().text(style, flow.left() + indent, flow.y() - style.size(), line);
      flow.down(style.leading());
    }
  }
}
