package dev.vigil.app.config;

import dev.vigil.app.jobs.CheckpointScheduler;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditListeners;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.Exporter;
import dev.vigil.collectors.sinks.CheckpointPublisher;

/**
 * The service's audit trail, as {@link AuditFactory#build} made it.
 *
 * @param appender what every store appends through, last in its own transaction
 * @param listeners hear each committed group of entries (the change triggers)
 * @param pipeline the group commit of the data plane (decisions and events)
 * @param log the chain read back
 * @param signer the checkpoint key
 * @param checkpoints the signed checkpoints
 * @param checkpointSchedule signs a checkpoint for each tenant whose chain grew, every interval
 * @param sinks copies each new checkpoint outside the database, to the configured sinks
 * @param exporter the audit export bundles
 */
public record AuditTrail(AuditAppender appender, AuditListeners listeners, AppendPipeline pipeline, AuditLog log,
    CheckpointSigner signer, CheckpointStore checkpoints, CheckpointScheduler checkpointSchedule,
    CheckpointPublisher sinks, Exporter exporter) {}
