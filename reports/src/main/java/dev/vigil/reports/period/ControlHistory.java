package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.model.ControlException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the caller read for one control of one tenant: the control as declared, its family's
 * schedule interval as configured now (for runs that did not record theirs), its runs (those in the period and at least the last one before it, which
 * gives the status at the period's start), its findings and its approved exceptions.
 *
 * <p>Anything of another tenant or another control is refused rather than skipped: a report
 * that silently dropped rows would hide a caller's mistake, and one that kept them would mix
 * controls. Runs are kept in the order they took effect (by start, then finish, then id), the
 * order in which the service moves a control's status.
 */
public record ControlHistory(String tenantId, ControlInfo control, Duration interval, List<ControlRun> runs,
    List<Finding> findings, List<ControlException> exceptions) {

  /** The order in which runs take effect on a control's status. */
  public static final Comparator<ControlRun> EFFECT_ORDER = Comparator.comparing(ControlRun::startedAt)
      .thenComparing(ControlRun::finishedAt).thenComparing(ControlRun::id);

  public ControlHistory {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(control, "control");
    if (interval == null || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("the schedule interval of " + control.id() + " must be positive, not "
          + interval);
    }
    for (ControlRun r : runs) owned(tenantId, control.id(), "run " + r.id(), r.tenantId(), r.controlId());
    for (Finding f : findings) owned(tenantId, control.id(), "finding " + f.id(), f.tenantId(), f.controlId());
    for (ControlException e : exceptions) {
      owned(tenantId, control.id(), "exception " + e.id(), e.tenantId(), e.controlId());
    }
    runs = runs.stream().sorted(EFFECT_ORDER).toList();
    findings = List.copyOf(findings);
    exceptions = List.copyOf(exceptions);
  }

  /** The schedule interval {@code run} ran under: the one it recorded, else the configured one. */
  public Duration intervalOf(ControlRun run) {
    return run.scheduleSeconds() == null ? interval : Duration.ofSeconds(run.scheduleSeconds());
  }

  /**
   * How long {@code run}'s result stands without a newer run: one schedule interval and the
   * jitter the schedule is allowed ({@link MissedRuns#TOLERANCE_DIVISOR}), the moment by which
   * the next scheduled run should have started.
   */
  public Duration resultLifetime(ControlRun run) {
    Duration i = intervalOf(run);
    return i.plus(i.dividedBy(MissedRuns.TOLERANCE_DIVISOR));
  }

  private static void owned(String tenantId, String controlId, String what, String itsTenant, String itsControl) {
    if (!tenantId.equals(itsTenant)) {
      throw new IllegalArgumentException(what + " belongs to another tenant, not " + tenantId);
    }
    if (!controlId.equals(itsControl)) {
      throw new IllegalArgumentException(what + " is of control " + itsControl + ", not " + controlId);
    }
  }
}
