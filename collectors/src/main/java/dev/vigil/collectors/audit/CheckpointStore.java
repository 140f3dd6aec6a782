package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.Checkpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and stores checkpoints. A checkpoint at size n signs the hash of entry n; signing is
 * idempotent per size and takes the tenant's head lock, so nodes that race to sign do it one at
 * a time. Checkpoints are not themselves audit entries (that would never settle). Each checkpoint this store signs is
 * handed, once its row has committed, to the {@code signed} listener (which publishes it to the
 * sinks outside the database); one another node signed first is not. Thread-safe.
 */
public final class CheckpointStore {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  private final Jdbi jdbi;
  private final CheckpointSigner signer;
  private final Clock clock;
  private final Consumer<Checkpoint> signed;

  public CheckpointStore(Jdbi jdbi, CheckpointSigner signer, Clock clock) {
    this(jdbi, signer, clock, cp -> { });
  }

  /**
   * @param signed hears of each checkpoint this store signed, after it committed; it must return
   *     at once and not throw (what it throws is not the signer's failure, and is swallowed)
   */
  public CheckpointStore(Jdbi jdbi, CheckpointSigner signer, Clock clock, Consumer<Checkpoint> signed) {
    this.jdbi = jdbi;
    this.signer = signer;
    this.clock = clock;
    this.signed = signed;
  }

  /** How far signing is behind each tenant's chain, tenant by tenant (for metrics). */
  public List<Signing> signing() {
    return jdbi.withExtension(CheckpointDao.class, CheckpointDao::signing);
  }

  /** Signs a checkpoint at the tenant's current head unless one exists; empty for an empty chain. */
  public Optional<Checkpoint> signHead(String tenantId) {
    return sign(tenantId, OptionalLong.empty());
  }

  /** The checkpoint at exactly {@code size}, signed now if there is none yet. */
  public Checkpoint ensureAt(String tenantId, long size) {
    Optional<Checkpoint> existing = jdbi.withExtension(CheckpointDao.class, dao -> dao.at(tenantId, size));
    return existing.isPresent() ? existing.get() : sign(tenantId, OptionalLong.of(size)).orElseThrow(
        () -> new IllegalArgumentException("entry " + size + " does not exist"));
  }

  /**
   * Signs at {@code size} (the head when empty) under the lock of the tenant's head, which
   * appends also take: one signer at a time per tenant across every node, so checkpoints get
   * times in the order of their sizes and a second signer finds the first one's row.
   */
  private Optional<Checkpoint> sign(String tenantId, OptionalLong size) {
    Signed signed = jdbi.inTransaction(h -> {
      AuditDao audit = h.attach(AuditDao.class);
      CheckpointDao dao = h.attach(CheckpointDao.class);
      Head head = ChainHeads.lock(h, tenantId);
      long at = size.orElse(head.seq());
      if (at < 1 || at > head.seq()) return null;
      Optional<Checkpoint> existing = dao.at(tenantId, at);
      if (existing.isPresent()) return new Signed(existing.get(), false);
      String hash = at == head.seq() ? head.hash() : audit.hashAt(tenantId, at).orElseThrow();
      Instant now = clock.instant();
      Checkpoint cp = new Checkpoint(tenantId, at, hash, now, signer.signNote(Checkpoint.body(tenantId, at, hash, now)));
      dao.insert(cp);
      return new Signed(cp, true);
    });
    if (signed == null) return Optional.empty();
    if (signed.now()) tell(signed.checkpoint());
    return Optional.of(signed.checkpoint());
  }

  /** A checkpoint, and whether this call signed it (rather than finding it signed). */
  private record Signed(Checkpoint checkpoint, boolean now) {}

  private void tell(Checkpoint cp) {
    try {
      signed.accept(cp);
    } catch (RuntimeException e) {
      LOG.warn("checkpoint at size {} of tenant {} is signed, but its listener failed", cp.size(), cp.tenantId(), e);
    }
  }

  /** Signs a checkpoint for every tenant with entries no checkpoint covers; returns how many. */
  public int signDue() {
    int n = 0;
    for (String tenantId : jdbi.withExtension(CheckpointDao.class, CheckpointDao::tenantsBehind)) {
      if (signHead(tenantId).isPresent()) n++;
    }
    return n;
  }

  public Optional<Checkpoint> latest(String tenantId) {
    return jdbi.withExtension(CheckpointDao.class, dao -> dao.latest(tenantId));
  }

  public List<Checkpoint> bySize(String tenantId, long fromSize, long toSize) {
    return jdbi.withExtension(CheckpointDao.class, dao -> dao.bySize(tenantId, fromSize, toSize));
  }

  /** Checkpoints issued in {@code [from, to)} with size above {@code afterSize}, by size. */
  public List<Checkpoint> byTime(String tenantId, Instant from, Instant to, long afterSize, int limit) {
    return jdbi.withExtension(CheckpointDao.class, dao -> dao.byTime(tenantId, from, to, afterSize, limit));
  }

  public CheckpointSigner signer() {
    return signer;
  }
}
