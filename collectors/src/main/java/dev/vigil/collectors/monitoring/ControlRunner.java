package dev.vigil.collectors.monitoring;

import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Evaluation;
import dev.vigil.controls.catalog.Population;
import dev.vigil.controls.catalog.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs controls for one tenant: loads one snapshot with the facts they need between them,
 * evaluates each (approved exceptions applied), records each run, and tells the status
 * listener of every status change but those between statuses that ask nothing of anyone
 * ({@link ControlStatus#quiet}). A control that cannot load or evaluate is recorded as an
 * error run, never as a pass. Thread-safe.
 */
public final class ControlRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ControlRunner.class);

  /** Hears of runs that changed a control's status (alerts). Must not block or throw. */
  public interface StatusListener {
    void changed(Control control, RunRecorder.Outcome outcome);
  }

  /** Hears of every run recorded, whatever its result (metrics). Must not block or throw. */
  public interface RunListener {
    void recorded(Control control, RunRecorder.Outcome outcome);

    RunListener NONE = (control, outcome) -> { };
  }

  private final SnapshotLoader loader;
  private final RunRecorder recorder;
  private final StatusListener listener;
  private final RunListener runs;
  private final Clock clock;

  public ControlRunner(SnapshotLoader loader, RunRecorder recorder, StatusListener listener, Clock clock) {
    this(loader, recorder, listener, RunListener.NONE, clock);
  }

  /** A runner whose {@code runs} listener hears of every recorded run. */
  public ControlRunner(SnapshotLoader loader, RunRecorder recorder, StatusListener listener, RunListener runs,
      Clock clock) {
    this.loader = loader;
    this.recorder = recorder;
    this.listener = listener;
    this.runs = runs;
    this.clock = clock;
  }

  /** Runs {@code controls} for {@code tenantId} now; {@code scheduledFor} is set for scheduled runs. */
  public List<RunRecorder.Outcome> run(String tenantId, List<Control> controls, RunTrigger trigger,
      Instant scheduledFor) {
    Instant started = clock.instant();
    Snapshot snapshot = null;
    String loadError = null;
    try {
      snapshot = loader.load(tenantId, Catalog.needs(controls), started);
    } catch (RuntimeException e) {
      LOG.error("cannot load the facts of {} for tenant {}", ids(controls), tenantId, e);
      loadError = "the facts could not be loaded from the database (see the server log)";
    }
    List<RunRecorder.Outcome> outcomes = new ArrayList<>(controls.size());
    for (Control control : controls) {
      Evaluation evaluation = null;
      String error = loadError;
      if (snapshot != null) {
        try {
          evaluation = Catalog.evaluate(control, snapshot, started);
        } catch (RuntimeException e) {
          LOG.error("control {} failed to evaluate for tenant {}", control.id(), tenantId, e);
          error = "the control failed to evaluate (see the server log)";
        }
      }
      RunRecorder.Outcome outcome = recorder.record(tenantId, control.info(), trigger, scheduledFor,
          loader.schedule(control.info().family()), started, clock.instant(), evaluation, error);
      outcomes.add(outcome);
      told(control, outcome);
    }
    return outcomes;
  }

  /**
   * Re-checks the members {@code scope} names, for a change that named them: a memberwise
   * control whose status is known (passing or failing) examines those members alone
   * ({@link RunRecorder#recordRecheck}); any other control, a control with no known status, or
   * a scope too large runs whole. Triggered by a change, like {@link #run} with
   * {@link RunTrigger#CHANGE}.
   */
  public RunRecorder.Outcome recheck(String tenantId, Control control, ChangeScope scope) {
    if (!control.info().memberwise() || scope.tooLarge() || !known(tenantId, control)) {
      return run(tenantId, List.of(control), RunTrigger.CHANGE, null).get(0);
    }
    Instant started = clock.instant();
    Population population = control.info().population().orElseThrow();
    SnapshotLoader.Rechecked facts;
    Evaluation evaluation;
    try {
      facts = loader.load(tenantId, control.info().needs(), started, scope);
      evaluation = Catalog.evaluate(control, facts.snapshot(), started);
    } catch (RuntimeException e) {
      // The whole run records the failure as an error, if it fails again.
      LOG.error("the re-check of {} for tenant {} failed; running it whole", control.id(), tenantId, e);
      return run(tenantId, List.of(control), RunTrigger.CHANGE, null).get(0);
    }
    RunRecorder.Outcome outcome = recorder.recordRecheck(tenantId, control.info(),
        loader.schedule(control.info().family()), started, clock.instant(), evaluation, population,
        facts.members(population));
    told(control, outcome);
    return outcome;
  }

  /** Whether the control has a status a re-check can start from: passing or failing. */
  private boolean known(String tenantId, Control control) {
    ControlStatus status = recorder.status(tenantId, control.id());
    return status == ControlStatus.PASSING || status == ControlStatus.FAILING;
  }

  private void told(Control control, RunRecorder.Outcome outcome) {
    runs.recorded(control, outcome);
    // A first pass, or passing becoming not applicable, asks nothing of anyone: no alert.
    boolean quiet = outcome.previous().quiet() && outcome.status().quiet();
    if (outcome.statusChanged() && !quiet) listener.changed(control, outcome);
  }

  private static List<String> ids(List<Control> controls) {
    return controls.stream().map(Control::id).toList();
  }
}
