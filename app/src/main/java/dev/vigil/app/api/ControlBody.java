package dev.vigil.app.api;

import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.collectors.monitoring.StatusRow;
import dev.vigil.controls.catalog.ControlInfo;
import java.time.Instant;
import java.util.List;

/**
 * A control as the API shows it: the catalog's description and the tenant's status.
 * {@code statusChangedAt} is when the current status began.
 */
public record ControlBody(String id, String title, String family, List<String> criteria, String procedure,
    ControlStatus status, Instant lastRunAt, String lastRunId, Instant statusChangedAt, long openFindings) {

  public static ControlBody of(ControlInfo info, StatusRow status) {
    if (status == null) {
      return new ControlBody(info.id(), info.title(), info.family().wire(), info.criteria(), info.procedure(),
          ControlStatus.NOT_RUN, null, null, null, 0);
    }
    return new ControlBody(info.id(), info.title(), info.family().wire(), info.criteria(), info.procedure(),
        status.status(), status.lastRunAt(), status.lastRunId(), status.changedAt(), status.openFindings());
  }
}
