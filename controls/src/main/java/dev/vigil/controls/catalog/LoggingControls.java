package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Durations.between;
import static dev.vigil.controls.catalog.Durations.days;
import static dev.vigil.controls.catalog.Durations.format;

import dev.vigil.controls.audit.ChainBreak;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The logging controls LG-1 to LG-3: the audit chain verifies, is retained, and is covered by
 * signed checkpoints while scheduled control runs keep happening. Stateless.
 */
public final class LoggingControls {

  private LoggingControls() {}

  // The chain, its retention and its checkpoints change with every entry: the sweeps run these.

  /** LG-1 to LG-3, in catalog order. */
  public static List<ControlDeclaration> all() {
    return List.of(LG_1, LG_2, LG_3);
  }

  public static final Parameter<Integer> FULL_VERIFICATION_HOURS = Parameter.whole("fullVerificationHours", 24, 1,
      "LG-1: every audit entry is re-verified at least once in this many hours, a slice of the chain each sweep");

  static final ControlDeclaration LG_1 = ControlDeclaration.control("LG-1", "Audit chain integrity", Family.LOGGING)
      .criteria("CC7.2").reads(Fact.CHAIN).parameters(FULL_VERIFICATION_HOURS)
      .procedure(p -> "Verified the audit entries appended since the last verified one, chained from its remembered"
          + " hash, and checked that its stored hash is still that one; re-verified the next slice of the older"
          + " entries, so that the whole chain is recomputed from its first entry at least every "
          + p.get(FULL_VERIFICATION_HOURS) + " hours, checking each entry's sequence number and hash link; and"
          + " verified the signature and head hash of every signed checkpoint. Without a verification on record"
          + " the whole chain was recomputed from its first entry.")
      .severity(FindingSeverity.CRITICAL)
      .remediation("Treat it as a security incident (POST /api/v1/incidents): the trail was changed outside the "
          + "service. Compare an earlier export with the saved checkpoints (vigil verify "
          + "--trusted-checkpoints) to see what changed, and restore the database from a backup taken before "
          + "the change.")
      .notApplicableWhen("an empty audit chain")
      .evaluates(LoggingControls::chainIntegrity);

  private static Evaluation chainIntegrity(Snapshot s, Instant now, ControlParameters p) {
    Facts.Chain chain = s.chain();
    List<Deviation> out = new ArrayList<>();
    for (ChainBreak b : chain.breaks()) out.add(new Deviation("entry " + b.seq(), b.reason()));
    for (ChainBreak b : chain.badCheckpoints()) out.add(new Deviation("checkpoint " + b.seq(), b.reason()));
    return RuleControl.found(chain.entries() + chain.checkpoints(), out)
        .withScope(scope(chain, p.get(FULL_VERIFICATION_HOURS)));
  }

  /** What LG-1 re-hashed this run and when the whole chain was last verified, in sentences for the evidence. */
  static List<String> scope(Facts.Chain chain, int boundHours) {
    Facts.ChainScope c = chain.scope();
    List<String> out = new ArrayList<>();
    if (c.anchor() == 0) {
      out.add(c.appended().isEmpty() ? "No verification was on record and the chain holds no entry."
          : "No verification was on record: verified the whole chain, " + range(c.appended())
              + ", from its first entry.");
    } else if (c.appended().isEmpty()) {
      out.add("Checked the stored hash of entry " + c.anchor() + ", the last verified, against the hash it"
          + " verified with; no entry was appended since.");
    } else {
      out.add("Verified " + range(c.appended()) + ", appended since entry " + c.anchor() + ", chained from the hash"
          + " entry " + c.anchor() + " verified with, and checked its stored hash against that hash.");
    }
    if (!c.slice().isEmpty()) {
      out.add("Re-verified " + range(c.slice()) + " as a slice of the rolling pass started " + c.passStartedAt()
          + ", chained from the stored hash of the entry before.");
    }
    out.add(c.wholeFinishedAt() == null
        ? "The whole chain has not yet been verified intact; bound " + boundHours + " hours."
        : "The whole chain, " + range(c.whole()) + ", was last fully verified " + span(c) + "; bound "
            + boundHours + " hours.");
    out.add("Checked " + chain.checkpoints() + (chain.checkpoints() == 1 ? " signed checkpoint." : " signed checkpoints."));
    return out;
  }

  private static String range(Facts.SeqRange r) {
    return r.first() == r.last() ? "entry " + r.first() : "entries " + r.first() + " to " + r.last();
  }

  private static String span(Facts.ChainScope c) {
    return c.wholeStartedAt().equals(c.wholeFinishedAt()) ? "at " + c.wholeFinishedAt()
        : "from " + c.wholeStartedAt() + " to " + c.wholeFinishedAt();
  }

  public static final Parameter<Integer> RETENTION_DAYS = Parameter.whole("retentionDays", 365, 1,
      "LG-2: audit entries are kept at least this many days");

  static final ControlDeclaration LG_2 = ControlDeclaration.control("LG-2", "Audit log retention", Family.LOGGING)
      .criteria("CC7.2").reads(Fact.RETENTION).parameters(RETENTION_DAYS)
      .procedure(p -> "Compared the sequence range of the tenant's audit entries with the number of entries held, and"
          + " checked that no entry was deleted before it was " + days(p.get(RETENTION_DAYS)) + " old.")
      .severity(FindingSeverity.HIGH)
      .remediation("Entries were deleted before their retention ended: restore them from a backup or an earlier "
          + "export, find out who could delete them, and record an incident (POST /api/v1/incidents).")
      .notApplicableWhen("no audit entry")
      .evaluates(LoggingControls::retention);

  private static Evaluation retention(Snapshot s, Instant now, ControlParameters p) {
    int n = p.get(RETENTION_DAYS);
    Facts.Retention r = s.retention();
    if (r.count() == 0) return RuleControl.found(0, List.of());
    List<Deviation> out = new ArrayList<>();
    long expected = r.lastSeq() - r.firstSeq() + 1;
    if (expected != r.count()) {
      long missing = expected - r.count();
      String range = " between seq " + r.firstSeq() + " and " + r.lastSeq();
      out.add(new Deviation("chain", missing > 0
          ? missing + (missing == 1 ? " entry is" : " entries are") + " missing" + range + ": " + r.count()
              + " held of " + expected
          : r.count() + " entries are held" + range + ", " + (-missing) + " more than the range allows"));
    }
    if (r.firstSeq() > 1 && r.firstEntryAt().isAfter(now.minus(Duration.ofDays(n)))) {
      long last = r.firstSeq() - 1;
      out.add(new Deviation("entries 1-" + last, (last == 1 ? "entry 1 was" : "entries 1 to " + last + " were")
          + " deleted though the oldest remaining entry (seq " + r.firstSeq() + ") was appended "
          + r.firstEntryAt() + ", only " + between(r.firstEntryAt(), now) + " before the run; retention "
          + days(n)));
    }
    return RuleControl.found(r.count(), out);
  }

  public static final Parameter<Integer> CHECKPOINT_MAX_GAP_MINUTES = Parameter.whole("checkpointMaxGapMinutes", 60, 1,
      "LG-3: every audit entry is covered by a signed checkpoint within this many minutes");

  public static final Parameter<Integer> MONITORING_LOOKBACK_HOURS = Parameter.whole("monitoringLookbackHours", 24,
      1, "LG-3: the window, in hours, in which checkpoints and scheduled runs are counted");

  public static final Parameter<Integer> MISSED_RUN_TOLERANCE = Parameter.whole("missedRunTolerance", 1, 0,
      "LG-3: missing scheduled runs tolerated per family and window (a schedule's clock phase)");

  static final ControlDeclaration LG_3 = ControlDeclaration.control("LG-3", "Continuous monitoring", Family.LOGGING)
      .criteria("CC7.2", "CC4.1").reads(Fact.MONITORING)
      .parameters(CHECKPOINT_MAX_GAP_MINUTES, MONITORING_LOOKBACK_HOURS, MISSED_RUN_TOLERANCE)
      .procedure(p -> "For the " + p.get(MONITORING_LOOKBACK_HOURS) + " hours before the run, checked that every"
          + " audit entry was covered by a signed checkpoint within " + p.get(CHECKPOINT_MAX_GAP_MINUTES)
          + " minutes of being appended, and compared each family's scheduled control runs with the runs recorded"
          + " (tolerance " + p.get(MISSED_RUN_TOLERANCE) + " per family).")
      .severity(FindingSeverity.MEDIUM)
      .remediation("Keep the service, its scheduler and its checkpoint job running (GET /healthcheck on the admin "
          + "port names the one that stalled); the finding clears once the look-back window holds every "
          + "scheduled run and every entry is covered by a checkpoint in time.")
      .notApplicableWhen("no audit entry and no scheduled run due in the window")
      .evaluates(LoggingControls::monitoring);

  private static Evaluation monitoring(Snapshot s, Instant now, ControlParameters p) {
    Duration maxGap = Duration.ofMinutes(p.get(CHECKPOINT_MAX_GAP_MINUTES));
    Duration lookback = Duration.ofHours(p.get(MONITORING_LOOKBACK_HOURS));
    int tolerance = p.get(MISSED_RUN_TOLERANCE);
    Facts.Monitoring m = s.monitoring();
    Instant from = now.minus(lookback);
    long population = 0;
    List<Deviation> out = new ArrayList<>();
    for (Facts.CheckpointCoverage c : m.coverage()) {
      if (c.firstAt().isBefore(from)) continue;
      population++;
      Instant end = c.coveredAt() == null ? now : c.coveredAt();
      Duration delay = Duration.between(c.firstAt(), end);
      if (delay.compareTo(maxGap) <= 0) continue;
      out.add(new Deviation("entries from " + c.firstSeq(), "entries from seq " + c.firstSeq()
          + ", the first appended " + c.firstAt() + ", "
          + (c.coveredAt() == null
              ? "are still not covered by a signed checkpoint after " + format(delay)
              : "were covered by a signed checkpoint only after " + format(delay))
          + "; limit " + format(maxGap)));
    }
    for (Facts.Schedule sc : m.schedules()) {
      long expected = expectedRuns(sc, now);
      population += expected;
      long missed = expected - sc.recorded();
      if (missed <= tolerance) continue;
      out.add(new Deviation("schedule " + sc.family().wire(), missed + " of " + expected + " scheduled "
          + sc.family().wire() + " runs missing since " + sc.windowStart() + " (every "
          + format(sc.interval()) + "); tolerance " + tolerance));
    }
    return RuleControl.found(population, out);
  }

  /** Runs a schedule should have made from its window start to {@code now}: whole intervals only. */
  static long expectedRuns(Facts.Schedule sc, Instant now) {
    if (sc.windowStart().isAfter(now) || sc.interval().isZero() || sc.interval().isNegative()) return 0;
    return Duration.between(sc.windowStart(), now).dividedBy(sc.interval());
  }
}
