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
   * The tenant's audit chain verified from its first entry, and its checkpoints checked
   * (signature and head hash): every break by seq, every bad checkpoint by size.
   */
  public record Chain(long entries, List<ChainBreak> breaks, long checkpoints, List<ChainBreak> badCheckpoints) {
    public Chain {
      breaks = List.copyOf(breaks);
      badCheckpoints = List.copyOf(badCheckpoints);
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
