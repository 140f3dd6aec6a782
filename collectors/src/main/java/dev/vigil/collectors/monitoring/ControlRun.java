package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Excused;
import java.time.Instant;
import java.util.List;

/**
 * A recorded control run, as the API shows it. {@code exceptions} and {@code excused} list at
 * most {@link RunRecorder#LISTED} members each; {@code exceptionCount} is the whole number.
 * {@code evidenceSha256} is the SHA-256 of the stored evidence record, which the audit entry
 * at {@code auditSeq} carries. {@code scheduleSeconds} is the family's schedule interval when
 * the run happened (null for runs recorded before runs kept it).
 */
public record ControlRun(
    @JsonIgnore String tenantId,
    String id,
    String controlId,
    String family,
    RunTrigger trigger,
    Instant scheduledFor,
    Long scheduleSeconds,
    Instant startedAt,
    Instant finishedAt,
    RunResult result,
    long population,
    long exceptionCount,
    List<Deviation> exceptions,
    List<Excused> excused,
    String error,
    String evidenceSha256,
    Long auditSeq) {}
