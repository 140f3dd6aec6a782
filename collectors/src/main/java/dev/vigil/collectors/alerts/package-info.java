/**
 * Alerts on control status changes, sent to the webhooks of {@code config.yml}.
 *
 * <p>When a control of a tenant changes status, the run hands an {@link
 * dev.vigil.collectors.alerts.Alert} to {@link dev.vigil.collectors.alerts.AlertDispatcher#send},
 * which returns at once. In the background the dispatcher stores one {@code PENDING} {@link
 * dev.vigil.collectors.alerts.Delivery} per {@link dev.vigil.collectors.alerts.Webhook}, POSTs
 * the alert as canonical JSON signed with HMAC-SHA256, and retries failures as its {@link
 * dev.vigil.collectors.alerts.RetryPolicy} says until the delivery is {@code DELIVERED} or
 * {@code FAILED}. {@link dev.vigil.collectors.alerts.AlertDispatcher} documents the headers and
 * how a receiver verifies them.
 *
 * <p>The delivery loop itself, {@link dev.vigil.collectors.alerts.Outbox}, knows nothing of
 * alerts: it delivers any payload to any {@link dev.vigil.collectors.alerts.Destination},
 * keeping each delivery in a {@link dev.vigil.collectors.alerts.Ledger}; the checkpoint sinks
 * ({@code dev.vigil.collectors.sinks}) run one of their own.
 *
 * <p>Webhook secrets, and the credentials or query string a webhook URL may carry, stay in
 * memory: rows and log lines name a webhook by its URL without them.
 */
package dev.vigil.collectors.alerts;
