package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.catalog.Control;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A control run that a person asked for (the dashboard's Run now) or a token did
 * ({@code POST /controls/{id}/run}). The run itself is recorded and
 * chained as every run is (actor {@code system/controls}); this adds who asked for it, as a
 * {@code control.run_requested} entry naming the run, with the person as its actor.
 * Thread-safe.
 */
public final class ManualRuns {

  private final ControlRunner runner;
  private final Jdbi jdbi;
  private final AuditAppender audit;

  public ManualRuns(ControlRunner runner, Jdbi jdbi, AuditAppender audit) {
    this.runner = runner;
    this.jdbi = jdbi;
    this.audit = audit;
  }

  /** Runs {@code control} for the tenant now, for {@code actor}, and returns the recorded run. */
  public ControlRun run(String tenantId, Actor actor, Control control) {
    ControlRun run = runner.run(tenantId, List.of(control), RunTrigger.MANUAL, null).get(0).run();
    jdbi.useTransaction(h -> audit.append(h, tenantId, actor, "control.run_requested", control.id(),
        AuditData.object().put("runId", run.id()).put("result", run.result().wire())));
    return run;
  }
}
