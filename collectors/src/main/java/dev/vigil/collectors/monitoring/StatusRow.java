package dev.vigil.collectors.monitoring;

import java.time.Instant;

/** A control's stored status for a tenant, with its open findings. */
public record StatusRow(String controlId, ControlStatus status, String lastRunId, Instant lastRunAt, Instant changedAt,
    long openFindings) {}
