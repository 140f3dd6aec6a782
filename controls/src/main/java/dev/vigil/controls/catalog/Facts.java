package dev.vigil.controls.catalog;

import dev.vigil.controls.audit.ChainBreak;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The derived facts loaders compute with set-based queries, beside the plain domain records. */
public final class Facts {

  private Facts() {}

  /**
   * Reported actions in a window: how many were examined, and those no grant active at their
   * moment allowed, grouped by agent, connection and action.
   */
  public record Actions(Instant from, long examined, List<OutsideAction> outside) {
    public Actions {
      outside = List.copyOf(outside);
    }
  }

  /** Reported actions of one agent, connection and action that no grant allowed. */
  public record OutsideAction(String agentId, String connectionId, String action, long count,
      Instant firstAt, Instant lastAt) {}

  /**
   * The result of opening one stored credential with its tenant's keyset and its bound
   * associated data: {@code problem} says why it does not decrypt (never the secret).
   */
  public record CredentialCheck(String connectionId, String keyId, boolean decrypts, String problem) {}

  /**
   * The tenant's audit chain as a run verified it, and its checkpoints checked (signature and
   * head hash): {@code entries} is the chain's length, every break by seq, every bad checkpoint
   * by size, and {@code scope} which entries were re-hashed this run.
   */
  public record Chain(long entries, List<ChainBreak> breaks, long checkpoints, List<ChainBreak> badCheckpoints,
      ChainScope scope) {
    public Chain {
      breaks = List.copyOf(breaks);
      badCheckpoints = List.copyOf(badCheckpoints);
    }
  }

  /** Entries {@code first} to {@code last} of a chain; none when {@code last < first}. */
  public record SeqRange(long first, long last) {
    public static final SeqRange NONE = new SeqRange(1, 0);

    public boolean isEmpty() {
      return last < first;
    }

    public long size() {
      return isEmpty() ? 0 : last - first + 1;
    }
  }

  /**
   * What one verification of a chain re-hashed: the entries appended since the last verified
   * one, chained from its remembered hash; a slice of the older entries, chained from the stored
   * hash of the entry before it, as part of a rolling pass that re-verifies the whole chain
   * within a bound; and when the whole chain was last verified, by such a pass or at once.
   *
   * @param anchor the entry whose remembered hash the appended entries were chained from, and
   *     whose stored hash was checked against it; 0 when there was none and the run verified the
   *     chain from its first entry
   * @param appended the entries verified as appended since {@code anchor}
   * @param slice the older entries the rolling pass re-verified this run; none when it had none
   * @param passStartedAt when the rolling pass that {@code slice} belongs to started; null with no slice
   * @param whole the entries covered by the chain's last complete verification; none before one
   * @param wholeStartedAt when that verification started (null before one)
   * @param wholeFinishedAt when it finished (null before one)
   */
  public record ChainScope(long anchor, SeqRange appended, SeqRange slice, Instant passStartedAt, SeqRange whole,
      Instant wholeStartedAt, Instant wholeFinishedAt) {

    /** The whole chain of {@code length} entries verified from its first entry at {@code at}. */
    public static ChainScope whole(long length, Instant at) {
      SeqRange all = new SeqRange(1, length);
      return new ChainScope(0, all, SeqRange.NONE, null, all, at, at);
    }
  }

  /** What the audit table holds for the tenant: the seq range, the count, the oldest entry's time. */
  public record Retention(long firstSeq, long lastSeq, long count, Instant firstEntryAt) {}

  /**
   * One run of entries between two checkpoints: when its first entry (seq {@code firstSeq})
   * was appended, and when a signed checkpoint first covered it (null while none does).
   */
  public record CheckpointCoverage(long firstSeq, Instant firstAt, Instant coveredAt) {}

  /**
   * A family's schedule over a window: its interval, the window start, and how many
   * scheduled runs were recorded in the window.
   */
  public record Schedule(Family family, Duration interval, Instant windowStart, long recorded) {}

  /** The monitoring facts of LG-3. */
  public record Monitoring(List<CheckpointCoverage> coverage, List<Schedule> schedules) {
    public Monitoring {
      coverage = List.copyOf(coverage);
      schedules = List.copyOf(schedules);
    }
  }
}
