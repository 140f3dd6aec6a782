package dev.vigil.collectors.sinks;

import dev.vigil.collectors.alerts.Delivery;
import java.time.Instant;

/**
 * One checkpoint on its way to one sink: a row of {@code checkpoint_deliveries}. Holds no
 * secret: a webhook sink is named by its safe URL, and errors are redacted.
 *
 * @param size the checkpoint's size: with the tenant, which checkpoint this is
 * @param sink the sink's name: a webhook's safe URL, or {@code directory <path>}
 * @param payload the JSON every sink gets, the same on every attempt
 * @param lastError why the last attempt failed; on a delivered row, a remark such as a
 *     checkpoint already in the file
 */
public record CheckpointDelivery(String id, String tenantId, long size, String sink, String payload,
    Delivery.Status status, int attempts, Integer lastStatusCode, String lastError, Instant createdAt,
    Instant nextAttemptAt, Instant deliveredAt) {}
