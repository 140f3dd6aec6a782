package dev.vigil.evidence.lucene;

import dev.vigil.evidence.DocType;
import dev.vigil.evidence.EvidenceDoc;
import dev.vigil.evidence.EvidenceSearch;
import dev.vigil.evidence.EvidenceSink;
import dev.vigil.evidence.Hit;
import dev.vigil.evidence.SearchRequest;
import dev.vigil.evidence.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence index on local disk, one Lucene index per tenant under {@code root/<tenantId>/<n>},
 * where {@code n} grows with each rebuild. A tenant's index opens on first use. A rebuild fills
 * {@code building-<n>} beside the live one and {@link #swap}s it in: searches answer from the
 * old index until the moment the new one replaces it. Thread-safe.
 */
public final class LuceneIndex implements EvidenceSearch, EvidenceSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LuceneIndex.class);
  private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String BUILDING = "building-";

  /**
   * How the index is tuned.
   *
   * @param ramBufferMb Lucene's indexing buffer per tenant index being written
   * @param queryTimeoutMillis a search running longer is stopped
   * @param maxStale a search sees every document added this long before it began
   */
  public record Settings(double ramBufferMb, long queryTimeoutMillis, Duration maxStale) {}

  private final Path root;
  private final Settings settings;
  private final Schema schema = new Schema();
  private final Search search;
  private final Map<String, TenantIndex> open = new ConcurrentHashMap<>();

  public LuceneIndex(Path root, Settings settings) {
    this.root = root;
    this.settings = settings;
    this.search = new Search(schema, settings.queryTimeoutMillis());
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the index directory " + root, e);
    }
  }

  @Override
  public SearchResult search(String tenantId, SearchRequest request) {
    return onLive(tenantId, index -> search.run(index, tenantId, request));
  }

  @Override
  public Optional<Hit> find(String tenantId, DocType type, String id) {
    return onLive(tenantId, index -> search.find(index, tenantId, type, id));
  }

  /** What a search does with the tenant's live index. */
  private interface Reading<T> {
    T apply(TenantIndex index) throws IOException;
  }

  /** Runs {@code reading} on the live index, once more on the new one if a swap closed it meanwhile. */
  private <T> T onLive(String tenantId, Reading<T> reading) {
    try {
      try {
        return reading.apply(index(tenantId));
      } catch (AlreadyClosedException swapped) {
        return reading.apply(index(tenantId));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tenants that have an index on disk. */
  public List<String> tenants() {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> TENANT_ID.matcher(n).matches()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long indexedSeq(String tenantId) {
    return index(tenantId).indexedSeq();
  }

  @Override
  public Prepared prepare(String tenantId, List<EvidenceDoc> docs) {
    return LuceneDocs.of(schema, tenantId, docs);
  }

  @Override
  public void add(String tenantId, Prepared docs, long throughSeq) {
    index(tenantId).add(LuceneDocs.of(tenantId, docs), throughSeq);
  }

  /** Makes what was added to the tenant's index searchable before returning. */
  @Override
  public void refresh(String tenantId) {
    try {
      index(tenantId).refresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes what was added durable, in every open index. */
  @Override
  public void commit() {
    for (TenantIndex t : open.values()) {
      try {
        t.commit();
      } catch (IOException | RuntimeException e) {
        LOG.error("committing the evidence index {} failed", t.path(), e);
      }
    }
  }

  /** A fresh index for the tenant beside its live one, to fill and then swap in. */
  @Override
  public Building rebuild(String tenantId) {
    Path dir = tenantDir(tenantId);
    // Open the live index first: opening clears leftovers, and must not take this one for one.
    index(tenantId);
    try {
      Path path = dir.resolve(BUILDING + (generation(dir) + 1));
      deleteTree(path);
      Files.createDirectories(path);
      return new Building(tenantId, TenantIndex.open(schema, path, settings.ramBufferMb(), settings.maxStale()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An index being built aside; invisible to searches until swapped in. */
  public final class Building implements Rebuild {
    private final String tenantId;
    private final TenantIndex index;
    private boolean done;

    private Building(String tenantId, TenantIndex index) {
      this.tenantId = tenantId;
      this.index = index;
    }

    @Override
    public long indexedSeq() {
      return index.indexedSeq();
    }

    @Override
    public void add(Prepared docs, long throughSeq) {
      index.add(LuceneDocs.of(tenantId, docs), throughSeq);
    }

    @Override
    public void swapIn() throws IOException {
      swap(this);
    }

    /** Throws the half-built index away, when a rebuild fails or is abandoned. */
    @Override
    public void close() throws IOException {
      if (done) return;
      done = true;
      index.close();
      deleteTree(index.path());
    }
  }

  /**
   * Replaces the tenant's live index with {@code b}, which must already hold every entry the
   * live one does: the caller stops the tenant's indexing while it catches up and swaps.
   */
  private void swap(Building b) throws IOException {
    b.done = true;
    b.index.close();
    Path dir = tenantDir(b.tenantId);
    Path live = dir.resolve(Long.toString(generation(dir) + 1));
    Files.move(b.index.path(), live, StandardCopyOption.ATOMIC_MOVE);
    TenantIndex fresh = TenantIndex.open(schema, live, settings.ramBufferMb(), settings.maxStale());
    TenantIndex old = open.put(b.tenantId, fresh);
    if (old != null) {
      // Searches that hold the old searcher finish on it; the deleted files stay readable until then.
      old.close();
      deleteTree(old.path());
    }
  }

  private TenantIndex index(String tenantId) {
    return open.computeIfAbsent(tenantId, t -> {
      try {
        return openLive(t);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the evidence index of tenant " + t, e);
      }
    });
  }

  /** Opens the newest finished index of the tenant, clearing what an interrupted rebuild or swap left. */
  private TenantIndex openLive(String tenantId) throws IOException {
    Path dir = tenantDir(tenantId);
    Files.createDirectories(dir);
    long live = generation(dir);
    List<Path> stale = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      children.filter(p -> !p.getFileName().toString().equals(Long.toString(live))).forEach(stale::add);
    }
    for (Path p : stale) deleteTree(p);
    return TenantIndex.open(schema, dir.resolve(Long.toString(Math.max(live, 1))), settings.ramBufferMb(),
        settings.maxStale());
  }

  /** The highest finished generation in {@code dir}, 0 when there is none. */
  private static long generation(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return 0;
    try (Stream<Path> children = Files.list(dir)) {
      return children.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
          .mapToLong(Long::parseLong).max().orElse(0);
    }
  }

  private Path tenantDir(String tenantId) {
    if (!TENANT_ID.matcher(tenantId).matches()) throw new IllegalArgumentException("not a tenant id: " + tenantId);
    return root.resolve(tenantId);
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) return;
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  @Override
  public void close() {
    for (TenantIndex t : open.values()) {
      try {
        t.close();
      } catch (IOException e) {
        LOG.error("closing the evidence index {} failed", t.path(), e);
      }
    }
    open.clear();
  }
}
