/**
 * Copies of every signed checkpoint, sent outside the database as it is signed.
 *
 * <p>Whoever holds the database can rewrite the chain, re-hash it and delete the checkpoint
 * rows; checkpoints only protect if copies live elsewhere. {@link
 * dev.vigil.collectors.sinks.CheckpointPublisher} hears of each checkpoint once it has
 * committed and delivers it, through the alerts' {@link dev.vigil.collectors.alerts.Outbox}, to
 * signed webhooks and to an append-only directory of notes ({@link
 * dev.vigil.collectors.sinks.DirectorySink}), recording each delivery in {@code
 * checkpoint_deliveries} so that failures are retried, survive a restart, and show in the
 * health check.
 */
package dev.vigil.collectors.sinks;
