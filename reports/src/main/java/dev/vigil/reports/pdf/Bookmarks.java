package dev.vigil.reports.pdf;

import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/**
 * The PDF outline (bookmarks): one item per heading, a section's item under its part's, each
 * opening its page at the heading. Parts are shown open so every control is one click away.
 */
final class Bookmarks {

  private Bookmarks() {}

  static void attach(PDDocument doc, List<Heading> headings) {
    PDDocumentOutline outline = new PDDocumentOutline();
    PDOutlineItem part = null;
    for (Heading h : headings) {
      PDOutlineItem item = new PDOutlineItem();
      item.setTitle(h.title());
      PDPageXYZDestination dest = new PDPageXYZDestination();
      dest.setPage(h.page());
      dest.setTop(Math.round(h.y() + 20));
      dest.setLeft(0);
      item.setDestination(dest);
      if (h.level() > 0 && part != null) {
        part.addLast(item);
      } else {
        outline.addLast(item);
        part = item;
      }
    }
    outline.openNode();
    for (PDOutlineItem item : outline.children()) {
      if (item.hasChildren()) item.openNode();
    }
    doc.getDocumentCatalog().setDocumentOutline(outline);
  }
}
