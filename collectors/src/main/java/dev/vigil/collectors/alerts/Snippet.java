package dev.vigil.collectors.alerts;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first bytes of a response body and discards the rest, so that a receiver answering
 * with megabytes costs no memory. Used once per response, by the client's threads.
 */
final class Snippet implements HttpResponse.BodySubscriber<String> {

  private final byte[] kept;
  private int size;
  private final CompletableFuture<String> result = new CompletableFuture<>();

  Snippet(int limit) {
    this.kept = new byte[limit];
  }

  @Override
  public CompletionStage<String> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer b : buffers) {
      int n = Math.min(b.remaining(), kept.length - size);
      b.get(kept, size, n);
      size += n;
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    // A multi-byte character cut at the limit decodes to a replacement character: harmless.
    result.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
  }
}
