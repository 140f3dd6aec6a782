package dev.vigil.reports.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Where the next block goes: the current page and the height left on it. Blocks ask for the
 * height they need ({@link #ensure}) and move the cursor down ({@link #down}); a new A4 page is
 * added to the document when the current one is full. The bottom margin leaves room for the
 * footer {@link PageNumbers} stamps later.
 */
final class PageFlow implements AutoCloseable {

  static final PDRectangle SIZE = PDRectangle.A4;
  static final float MARGIN = 56;
  static final float TOP_MARGIN = 60;
  static final float BOTTOM_MARGIN = 64;

  private final PDDocument doc;
  private final List<PDPage> pages = new ArrayList<>();
  private PDPage page;
  private PDPageContentStream stream;
  private Ink ink;
  private float y;

  PageFlow(PDDocument doc) {
    this.doc = doc;
  }

  float left() {
    return MARGIN;
  }

  float right() {
    return SIZE.getWidth() - MARGIN;
  }

  float width() {
    return right() - left();
  }

  /** The cursor: the top of the next block. */
  float y() {
    return y;
  }

  float top() {
    return SIZE.getHeight() - TOP_MARGIN;
  }

  /** The height a block can use on an empty page. */
  float pageHeight() {
    return top() - BOTTOM_MARGIN;
  }

  /** The height left on the current page. */
  float room() {
    return page == null ? 0 : y - BOTTOM_MARGIN;
  }

  boolean atTop() {
    return page != null && y == top();
  }

  PDPage page() {
    return page;
  }

  /** The pages this flow added, in order. */
  List<PDPage> pages() {
    return List.copyOf(pages);
  }

  Ink ink() {
    if (page == null) newPage();
    return ink;
  }

  void newPage() {
    closeStream();
    page = new PDPage(SIZE);
    doc.addPage(page);
    pages.add(page);
    try {
      stream = new PDPageContentStream(doc, page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ink = new Ink(stream);
    y = top();
  }

  /** Starts a new page unless {@code height} fits on this one (or this one is still empty). */
  void ensure(float height) {
    if (page == null || (height > room() && !atTop())) newPage();
  }

  void down(float height) {
    y -= height;
  }

  @Override
  public void close() {
    closeStream();
  }

  private void closeStream() {
    if (stream == null) return;
    try {
      stream.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stream = null;
  }
}
