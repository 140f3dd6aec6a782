package dev.vigil.reports.pdf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * A table that breaks across pages: each column has a share of the width, long cell text wraps
 * in its column, the header row is drawn again at the top of every page the table continues
 * on, and a row taller than a page is split between pages rather than cut.
 */
final class Table {

  /** A column: its header and its share of the table's width (shares are normalised). */
  record Column(String header, float share) {}

  private static final float PAD = 3;

  private final Blocks blocks;
  private final List<Column> columns;
  private final List<List<String>> rows = new ArrayList<>();

  Table(Blocks blocks, Column... columns) {
    this.blocks = blocks;
    this.columns = List.of(columns);
  }

  Table row(String... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException("a row has " + columns.size() + " cells, got " + cells.length);
    }
    rows.add(Arrays.asList(cells));
    return this;
  }

  int size() {
    return rows.size();
  }

  void draw() {
    PageFlow flow = blocks.flow;
    Fonts fonts = blocks.fonts;
    Style style = fonts.small;
    float[] widths = widths(flow.width());
    List<List<String>> header = wrapped(columns.stream().map(Column::header).toList(), fonts.smallBold, widths);
    float headerHeight = height(fonts.smallBold, lines(header));
    PDPage headerPage = null;
    for (List<String> row : rows) {
      List<List<String>> cells = wrapped(row, style, widths);
      int n = lines(cells);
      int done = 0;
      while (done < n) {
        int left = n - done;
        boolean fitsFresh = height(style, left) <= flow.pageHeight() - headerHeight;
        if (headerPage != flow.page()) {
          // a header never ends a page alone: it keeps the row (or its first lines) with it
          flow.ensure(headerHeight + height(style, fitsFresh ? left : Math.min(left, 3)));
          drawRow(header, fonts.smallBold, widths, 0, lines(header), true);
          headerPage = flow.page();
        }
        int fit = (int) Math.floor((flow.room() - 2 * PAD) / style.leading());
        if (fit < left && (fit < 1 || done == 0 && fitsFresh)) {
          flow.newPage();
          continue;
        }
        int take = Math.min(fit, left);
        drawRow(cells, style, widths, done, done + take, false);
        done += take;
        if (done < n) flow.newPage();
      }
    }
    if (headerPage == null) {
      flow.ensure(headerHeight);
      drawRow(header, fonts.smallBold, widths, 0, lines(header), true);
    }
    flow.down(8);
  }

  /** Lines {@code from..to} of every cell as one band, header bands shaded. */
  private void drawRow(List<List<String>> cells, Style style, float[] widths, int from, int to, boolean header) {
    PageFlow flow = blocks.flow;
    Ink ink = flow.ink();
    float height = height(style, to - from);
    float bottom = flow.y() - height;
    if (header) ink.fill(Rgb.HEADER_FILL, flow.left(), bottom, flow.width(), height);
    float x = flow.left();
    for (int c = 0; c < cells.size(); c++) {
      List<String> lines = cells.get(c);
      float baseline = flow.y() - PAD - style.size();
      for (int i = from; i < Math.min(to, lines.size()); i++) {
        ink.text(style, x + PAD, baseline, lines.get(i));
        baseline -= style.leading();
      }
      x += widths[c];
    }
    ink.rule(header ? Rgb.MUTED : Rgb.RULE, header ? 0.6f : 0.4f, flow.left(), bottom, flow.right());
    flow.down(height);
  }

  private float[] widths(float total) {
    float sum = (float) columns.stream().mapToDouble(Column::share).sum();
    float[] w = new float[columns.size()];
    for (int i = 0; i < w.length; i++) w[i] = total * columns.get(i).share() / sum;
    return w;
  }

  private List<List<String>> wrapped(List<String> cells, Style style, float[] widths) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      out.add(LineWrapper.wrap(blocks.fonts.printable.clean(cells.get(i)), style, widths[i] - 2 * PAD));
    }
    return out;
  }

  private static int lines(List<List<String>> cells) {
    return cells.stream().mapToInt(List::size).max().orElse(1);
  }

  private static float height(Style style, int lines) {
    return 2 * PAD + lines * style.leading();
  }
}
