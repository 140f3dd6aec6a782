package dev.vigil.evidence.lucene;

import dev.vigil.evidence.EvidenceDoc;
import dev.vigil.evidence.EvidenceSink;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;

/**
 * One tenant's documents as Lucene documents, in chain order. Documents of things that change
 * carry the uid they replace; the others (entries, runs, evidence items) are only ever added.
 */
record LuceneDocs(String tenantId, List<Item> items) implements EvidenceSink.Prepared {

  /** A document, and the uid of the version it replaces (null: added). */
  record Item(Term replaces, Document doc) {}

  static LuceneDocs of(Schema schema, String tenantId, List<EvidenceDoc> docs) {
    List<Item> items = new ArrayList<>(docs.size());
    for (EvidenceDoc d : docs) {
      items.add(new Item(d.type().changes() ? Schema.uid(d.uid()) : null, schema.document(tenantId, d)));
    }
    return new LuceneDocs(tenantId, items);
  }

  /** These documents, when they were prepared for {@code tenantId}; refuses another tenant's. */
  static LuceneDocs of(String tenantId, EvidenceSink.Prepared docs) {
    if (docs instanceof LuceneDocs l && l.tenantId.equals(tenantId)) return l;
    throw new IllegalArgumentException("documents not prepared by this index for tenant " + tenantId);
  }

  @Override
  public int size() {
    return items.size();
  }
}
