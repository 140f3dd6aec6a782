package dev.vigil.collectors.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.ChainBreak;
import dev.vigil.controls.audit.ChainVerification;
import dev.vigil.controls.audit.ChainVerifier;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** Reads a tenant's chain back, and verifies it from its first entry. Thread-safe. */
public final class AuditLog {

  private final Jdbi jdbi;

  public AuditLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Up to {@code limit} entries with seq greater than {@code afterSeq}, in order. */
  public List<AuditEntry> after(String tenantId, long afterSeq, int limit) {
    return jdbi.withExtension(AuditDao.class, dao -> dao.after(tenantId, afterSeq, limit));
  }

  /**
   * Which entries an audit trail page lists: those of {@code kind}, by the actor {@code actorId}
   * and about {@code subject} (each when not null, matched exactly), with seq in
   * {@code [fromSeq, toSeq]}.
   */
  public record Filter(String kind, String actorId, String subject, long fromSeq, long toSeq) {

    /** Every entry. */
    public static final Filter ALL = new Filter(null, null, null, 1, Long.MAX_VALUE);

    /** Whether a filter narrows by kind, actor or subject, which no index serves. */
    boolean narrows() {
      return kind != null || actorId != null || subject != null;
    }

    /** Whether a value is longer than its column holds, so no entry can match it. */
    boolean unmatchable() {
      return Stream.of(kind, actorId, subject).anyMatch(v -> v != null && v.length() > COLUMN);
    }
  }

  /**
   * A page of the trail and where the next one starts: after {@code next} (oldest first) or
   * before it (newest first), or null at the end. {@code [searchedFrom, searchedTo]} is the seq
   * range this page read; a filtered page may end there with fewer entries than asked and a
   * next cursor (it reads at most {@link #SCAN} entries).
   */
  public record Trail(List<AuditEntry> entries, Long next, long searchedFrom, long searchedTo) {

    public Trail {
      entries = List.copyOf(entries);
    }
  }

  /**
   * How many entries a page filtered by kind, actor or subject reads at most: the filters have
   * no index (every index slows the ingest that writes this table), so a rare kind would
   * otherwise scan the whole chain for one page. About 10 ms of the primary key.
   */
  public static final int SCAN = 10_000;
  /** The width of the kind, actor id and subject columns. */
  private static final int COLUMN = 80;

  /**
   * Up to {@code limit} entries that pass {@code filter}, newest first or oldest first (by seq,
   * as the API lists them), after the previous page's {@code cursor} (0 for the first page).
   * Reads the primary key's range only: all of it without kind, actor or subject, else at most
   * {@link #SCAN} entries, the page then saying how far it searched.
   */
  public Trail trail(String tenantId, Filter filter, boolean newestFirst, long cursor, int limit) {
    return jdbi.withExtension(AuditDao.class, dao -> {
      long head = dao.head(tenantId).map(Head::seq).orElse(0L);
      long low = Math.max(1, filter.fromSeq());
      long high = Math.min(head, filter.toSeq());
      if (cursor > 0 && newestFirst) high = Math.min(high, cursor - 1);
      if (cursor > 0 && !newestFirst) low = Math.max(low, cursor + 1);
      if (low > high || filter.unmatchable()) return new Trail(List.of(), null, low, high);
      long span = filter.narrows() ? SCAN : high - low + 1;
      long first = newestFirst ? Math.max(low, high - span + 1) : low;
      long last = newestFirst ? high : Math.min(high, low + span - 1);
      List<AuditEntry> rows = newestFirst
          ? dao.newest(tenantId, first, last, filter.kind(), filter.actorId(), filter.subject(), limit + 1)
          : dao.oldest(tenantId, first, last, filter.kind(), filter.actorId(), filter.subject(), limit + 1);
      if (rows.size() > limit) {
        List<AuditEntry> page = rows.subList(0, limit);
        long end = page.get(limit - 1).seq();
        return newestFirst ? new Trail(page, end, end, last) : new Trail(page, end, first, end);
      }
      Long next = newestFirst ? (first > low ? Long.valueOf(first) : null) : (last < high ? Long.valueOf(last) : null);
      return new Trail(rows, next, first, last);
    });
  }

  /**
   * The seqs {@code first} to {@code last} of the entries committed in a time window. An empty
   * window still sits at a place in the chain: right after the last entry committed before it,
   * so its range is {@code [p + 1, p]}.
   */
  public record Range(long first, long last) {}

  /**
   * The range of entries committed in {@code [from, to)}. Commit times never decrease along a
   * chain (the appender stamps no earlier than the head), so both ends are found by bisecting
   * seq.
   */
  public Range range(String tenantId, Instant from, Instant to) {
    return jdbi.withExtension(AuditDao.class, dao -> {
      long head = dao.head(tenantId).map(Head::seq).orElse(0L);
      long first = firstAtOrAfter(dao, tenantId, from, head);
      return new Range(first, Math.max(first, firstAtOrAfter(dao, tenantId, to, head)) - 1);
    });
  }

  /** The smallest seq in [1, head] committed at or after {@code t}; head + 1 when none is. */
  private static long firstAtOrAfter(AuditDao dao, String tenantId, Instant t, long head) {
    long low = 1;
    long high = head + 1;
    while (low < high) {
      long mid = low + (high - low) / 2;
      Instant at = dao.timeAt(tenantId, mid)
          .orElseThrow(() -> new IllegalStateException("entry " + mid + " is missing"));
      if (at.isBefore(t)) low = mid + 1; else high = mid;
    }
    return low;
  }

  /** The head of the tenant's chain; empty when the tenant has none. */
  public Optional<Head> head(String tenantId) {
    return jdbi.withExtension(AuditDao.class, dao -> dao.head(tenantId));
  }

  /** The hash of the entry {@code seq}; empty when the chain has no such entry. */
  public Optional<String> hashAt(String tenantId, long seq) {
    return jdbi.withExtension(AuditDao.class, dao -> dao.hashAt(tenantId, seq));
  }

  /** The predecessor hash of the entry {@code seq}: genesis for seq 1. */
  public String hashBefore(String tenantId, long seq) {
    if (seq <= 1) return AuditChain.GENESIS_HEX;
    return jdbi.withExtension(AuditDao.class, dao -> dao.hashAt(tenantId, seq - 1))
        .orElseThrow(() -> new IllegalStateException("entry " + (seq - 1) + " is missing"));
  }

  /**
   * Verifies the whole chain in one streamed pass and checks it ends at the recorded head.
   * Entries past the head read first are appends committed since, and are left for the next
   * verification (a writer moves the head in the transaction that adds the entries).
   * Each entry's canonical bytes are assembled around its data text as stored (the appender
   * stores it canonical), so any change to a stored byte breaks the hash without the cost of
   * parsing every entry.
   */
  public ChainVerification verify(String tenantId) {
    Head head = head(tenantId)
        .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no audit chain"));
    return verifyToHead(tenantId, AuditChain.GENESIS_HEX, 1, head);
  }

  /**
   * Verifies entries {@code firstSeq} up to {@code head}, chained from {@code previousHash} (the
   * hash of the entry before {@code firstSeq}), and that they end at the head as it was read:
   * {@link #verify(String)} from the first entry, LG-1's rolling verification from its watermark.
   */
  public ChainVerification verifyToHead(String tenantId, String previousHash, long firstSeq, Head head) {
    RangeCheck range = verify(tenantId, previousHash, firstSeq, head.seq());
    ChainVerification v = range.verification();
    if (range.lastRead() == head.seq() && v.headHash().equals(head.hash())) return v;
    List<ChainBreak> breaks = new ArrayList<>(v.breaks());
    breaks.add(new ChainBreak(head.seq(), "the chain ends at seq " + range.lastRead() + " but its head says "
        + head.seq() + " (entries were cut from the tail)"));
    return new ChainVerification(v.checked(), v.headHash(), breaks);
  }

  /** What verifying a range found, and the last seq it read ({@code firstSeq - 1} when it read none). */
  public record RangeCheck(ChainVerification verification, long lastRead) {}

  /**
   * Verifies entries {@code firstSeq..lastSeq} in one streamed pass, chained from
   * {@code previousHash} (the hash of the entry before {@code firstSeq}), hashing each entry's
   * data text as stored, as {@link #verify(String)} does. The empty range checks nothing.
   */
  public RangeCheck verify(String tenantId, String previousHash, long firstSeq, long lastSeq) {
    ChainVerifier.Running run = new ChainVerifier.Running(tenantId, previousHash, firstSeq);
    long last = firstSeq > lastSeq ? firstSeq - 1 : stream(tenantId, run, firstSeq - 1, lastSeq);
    return new RangeCheck(run.result(), last);
  }

  /** Checks entries in {@code (after, last]} with {@code run}; returns the last seq read, {@code after} when none. */
  private long stream(String tenantId, ChainVerifier.Running run, long after, long last) {
    return forEachStored(tenantId, after, last, e -> run.check(e.meta(), e.canonicalBytes()));
  }

  /**
   * One entry as stored: its fields in {@code meta} (whose {@code data} is left empty) and its
   * data as the canonical text that was hashed, which readers hash or copy without parsing it.
   */
  public record StoredEntry(AuditEntry meta, String data) {

    /** The bytes the entry's hash covers. */
    public byte[] canonicalBytes() {
      return AuditChain.canonicalBytes(meta, data);
    }
  }

  /**
   * Hands {@code each} the tenant's entries in {@code (after, last]} in seq order, streamed from
   * one query (memory holds one fetch of rows, whatever the range); returns the last seq read,
   * {@code after} when none was.
   */
  public long forEachStored(String tenantId, long after, long last, Consumer<StoredEntry> each) {
    long[] read = {after};
    // A transaction, so PostgreSQL streams by fetch size instead of loading every row.
    jdbi.useTransaction(h -> h.createQuery(STREAM).bind("tenantId", tenantId).bind("after", after).bind("last", last)
        // Columns by position, in STREAM's order: by name, the driver looks each one up in a map,
        // a tenth of an export's time over millions of rows.
        .setFetchSize(FETCH).map((rs, ctx) -> new StoredEntry(new AuditEntry(rs.getLong(2), rs.getString(1),
            rs.getObject(3, OffsetDateTime.class).toInstant(), new Actor(rs.getString(4), rs.getString(5)),
            rs.getString(6), rs.getString(7), NO_DATA, rs.getString(9)), rs.getString(8)))
        .forEach(e -> {
          each.accept(e);
          read[0] = e.meta().seq();
        }));
    return read[0];
  }

  private static final int FETCH = 10_000;
  /** Stands in for data in the entries of a streamed verification, which hash the stored text. */
  private static final ObjectNode NO_DATA = JsonNodeFactory.instance.objectNode();
  private static final String STREAM = """
      SELECT tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash
      FROM audit_entries WHERE tenant_id = :tenantId AND seq > :after AND seq <= :last ORDER BY seq
      """;
}
