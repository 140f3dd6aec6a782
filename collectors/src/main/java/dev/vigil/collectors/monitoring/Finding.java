package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One failing member of a control, open from the run that first found it until the run that
 * no longer does: {@code resolvedAt - openedAt} is its time to remediate.
 */
public record Finding(
    @JsonIgnore String tenantId,
    String id,
    String controlId,
    String subjectId,
    String detail,
    Instant openedAt,
    String openedRunId,
    Instant resolvedAt,
    String resolvedRunId) {}
