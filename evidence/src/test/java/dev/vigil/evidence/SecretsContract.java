package dev.vigil.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.testing.TestDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * A connection's stored credential never reaches the index: not in any file on disk, and not
 * in anything Lucene holds, read back logically (every term of every field, every stored
 * field, every sorted doc value), since stored fields are compressed and a byte scan alone
 * could miss one. A marker put where text is indexed proves that reading sees content.
 */
abstract class SecretsContract extends WithEstate {

  SecretsContract(TestDb.Kind kind) {
    super(kind);
  }

  @Test
  void aStoredCredentialIsNowhereInTheIndex() throws Exception {
    // One token to every analyser (letters and digits, lower case), so a term holding it is found whole.
    String canary = "canary" + UUID.randomUUID().toString().replace("-", "");
    String marker = "marker" + UUID.randomUUID().toString().replace("-", "");
    Estate.Company c = estate.company("Canary Co", canary);
    // The credential leased to an agent, and stored again, both audited (without it).
    estate.decisions.lease(c.tenant(), Estate.ADMIN, c.otherAgent(), c.connection(), "crm:read");
    estate.stores.connections().storeCredential(c.tenant(), Estate.ADMIN, c.connection(), canary);
    estate.events.ingest(c.tenant(), Estate.ADMIN, null, List.of(new EventStore.NewEvent(c.agent(), c.connection(),
        "crm:read", marker, "success", estate.clock.instant(), null, null)));
    estate.follower.catchUp(c.tenant());
    Path dir = liveDirectory(c.tenant());
    // Closed, so everything is committed to the files and nothing lingers in memory only.
    estate.closeIndex();
    try {
      assertThat(placesHolding(dir, marker)).as("the committed index, read back, shows indexed text")
          .contains("term resource", "term body", "stored _doc");
      assertThat(filesHolding(dir, canary)).as("files holding the credential").isEmpty();
      assertThat(placesHolding(dir, canary)).as("places holding the credential").isEmpty();
    } finally {
      estate.openIndex();
    }
  }

  /** The tenant's live index: the newest numbered directory under its own. */
  private Path liveDirectory(String tenant) throws IOException {
    try (Stream<Path> dirs = Files.list(estate.indexDir.resolve(tenant))) {
      return dirs.filter(p -> p.getFileName().toString().matches("\\d+"))
          .max((x, y) -> Long.compare(Long.parseLong(x.getFileName().toString()),
              Long.parseLong(y.getFileName().toString()))).orElseThrow();
    }
  }

  private static List<Path> filesHolding(Path dir, String secret) throws IOException {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(f), needle) >= 0) out.add(f);
      }
    }
    return out;
  }

  /** Where in the index's logical content {@code text} appears, as "term field", "stored field" and so on. */
  private static Set<String> placesHolding(Path dir, String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    Set<String> out = new TreeSet<>();
    try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
      assertThat(reader.numDocs()).isPositive();
      for (LeafReaderContext leaf : reader.leaves()) {
        LeafReader r = leaf.reader();
        for (FieldInfo field : r.getFieldInfos()) {
          terms(r.terms(field.name), needle, "term " + field.name, out);
          docValues(r, field, needle, out);
        }
        stored(r, needle, out);
      }
    }
    return out;
  }

  private static void terms(Terms terms, byte[] needle, String place, Set<String> out) throws IOException {
    if (terms == null) return;
    TermsEnum it = terms.iterator();
    for (BytesRef t = it.next(); t != null; t = it.next()) {
      if (contains(t, needle)) out.add(place);
    }
  }

  private static void docValues(LeafReader r, FieldInfo field, byte[] needle, Set<String> out) throws IOException {
    String place = field.getDocValuesType().name().toLowerCase() + " " + field.name;
    if (field.getDocValuesType() == DocValuesType.SORTED) {
      SortedDocValues values = r.getSortedDocValues(field.name);
      for (int ord = 0; ord < values.getValueCount(); ord++) if (contains(values.lookupOrd(ord), needle)) out.add(place);
    } else if (field.getDocValuesType() == DocValuesType.SORTED_SET) {
      SortedSetDocValues values = r.getSortedSetDocValues(field.name);
      for (long ord = 0; ord < values.getValueCount(); ord++) if (contains(values.lookupOrd(ord), needle)) out.add(place);
    } else if (field.getDocValuesType() == DocValuesType.BINARY) {
      BinaryDocValues values = r.getBinaryDocValues(field.name);
      while (values.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) if (contains(values.binaryValue(), needle)) out.add(place);
    }
    // Numeric doc values and points hold numbers only.
  }

  private static void stored(LeafReader r, byte[] needle, Set<String> out) throws IOException {
    StoredFields fields = r.storedFields();
    String text = new String(needle, StandardCharsets.UTF_8);
    for (int doc = 0; doc < r.maxDoc(); doc++) {
      fields.document(doc, new StoredFieldVisitor() {
        @Override
        public Status needsField(FieldInfo fieldInfo) {
          return Status.YES;
        }

        @Override
        public void stringField(FieldInfo fieldInfo, String value) {
          if (value.contains(text)) out.add("stored " + fieldInfo.name);
        }

        @Override
        public void binaryField(FieldInfo fieldInfo, byte[] value) {
          if (indexOf(value, needle) >= 0) out.add("stored " + fieldInfo.name);
        }
      });
    }
  }

  private static boolean contains(BytesRef b, byte[] needle) {
    byte[] bytes = new byte[b.length];
    System.arraycopy(b.bytes, b.offset, bytes, 0, b.length);
    return indexOf(bytes, needle) >= 0;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
