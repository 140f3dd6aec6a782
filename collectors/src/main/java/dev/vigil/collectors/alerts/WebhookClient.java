package dev.vigil.collectors.alerts;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Posts one attempt of a delivery to its webhook: the payload, signed, with the headers that
 * {@link AlertDispatcher} documents. Asynchronous, so a slow receiver holds no thread; redirects
 * are not followed, so a signed alert goes only where it was configured to go. Thread-safe.
 */
final class WebhookClient {

  /**
   * How much of a failed response's body is read: more than {@link FailureReason} keeps, so that
   * a secret the receiver echoes across the cut is still whole when redacted, and no prefix of it
   * survives.
   */
  private static final int BODY_READ = 4096;

  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  /** @param timeout how long a receiver has to connect, and then to answer in full */
  WebhookClient(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** What a receiver answered; only a failure's body is kept, and only its first bytes. */
  record Reply(int status, String body) {
    boolean delivered() {
      return ok(status);
    }
  }

  /**
   * Sends {@code payload} as delivery {@code deliveryId}. The future completes with the
   * receiver's reply, or exceptionally when none came in time (refused, timed out).
   */
  CompletableFuture<Reply> post(Webhook webhook, String deliveryId, String payload) {
    try {
      long timestamp = clock.instant().getEpochSecond();
      byte[] body = payload.getBytes(StandardCharsets.UTF_8);
      HttpRequest.Builder request = HttpRequest.newBuilder(webhook.requestUri())
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .header("User-Agent", "Vigil")
          .header("X-Vigil-Delivery", deliveryId)
          .header("X-Vigil-Timestamp", Long.toString(timestamp))
          .header("X-Vigil-Signature", Signature.header(webhook.secret(), timestamp, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      String userInfo = webhook.userInfo();
      if (userInfo != null) {
        request.header("Authorization",
            "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
      }
      return client.sendAsync(request.build(), info -> ok(info.statusCode())
              ? HttpResponse.BodySubscribers.replacing("")
              : new Snippet(BODY_READ))
          // The request timeout covers the wait for headers; this one also bounds the body.
          .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .thenApply(response -> new Reply(response.statusCode(), response.body()));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static boolean ok(int status) {
    return status >= 200 && status < 300;
  }
}
