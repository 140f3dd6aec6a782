package dev.vigil.collectors.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Webhook} as an {@link Outbox} destination: each attempt a signed {@code POST} (headers
 * as {@link AlertDispatcher} documents), a 2xx answer delivers, and a failure is worded by
 * {@link FailureReason}, without secrets. Named by its {@linkplain Webhook#safeUrl() safe URL}.
 */
public final class WebhookDestination implements Destination {

  private final Webhook webhook;
  private final WebhookClient client;
  private final Duration timeout;

  private WebhookDestination(Webhook webhook, WebhookClient client, Duration timeout) {
    this.webhook = webhook;
    this.client = client;
    this.timeout = timeout;
  }

  /** {@code webhooks} as destinations sharing one HTTP client, each request given {@code timeout}. */
  public static List<Destination> of(List<Webhook> webhooks, Duration timeout, Clock clock) {
    WebhookClient client = new WebhookClient(timeout, clock);
    return webhooks.stream().<Destination>map(w -> new WebhookDestination(w, client, timeout)).toList();
  }

  @Override
  public String name() {
    return webhook.safeUrl();
  }

  @Override
  public CompletableFuture<Outcome> send(String deliveryId, String payload) {
    return client.post(webhook, deliveryId, payload).handle((reply, error) -> {
      if (error != null) return Outcome.failed(null, FailureReason.unanswered(webhook, error, timeout));
      if (reply.delivered()) return Outcome.delivered(reply.status());
      return Outcome.failed(reply.status(), FailureReason.answered(webhook, reply.status(), reply.body()));
    });
  }

  @Override
  public String toString() {
    return webhook.toString();
  }
}
