package dev.vigil.reports.sample;

import dev.vigil.collectors.monitoring.RunTrigger;
import java.time.Instant;

/**
 * One run that examined a sampled member, and what it found; {@code detail} is the run's own
 * words for a failed or excused member, null when it passed.
 */
public record Examination(String runId, RunTrigger trigger, Instant startedAt, ItemResult result, String detail) {}
