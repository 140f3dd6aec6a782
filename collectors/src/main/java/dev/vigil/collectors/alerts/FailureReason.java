package dev.vigil.collectors.alerts;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Why an attempt failed, in words that are safe to store and log: what the receiver answered,
 * or why it could not be reached, with every secret of the webhook removed (its HMAC secret,
 * the credentials and query of its URL, and the Authorization header they make), and cut to
 * what a row keeps.
 */
final class FailureReason {

  /** The most of a failed response's body that is kept, as a hint for whoever reads the row. */
  static final int MAX_BODY_IN_ERROR = 200;
  private static final int MAX_ERROR = 500;
  private static final String REDACTED = "(redacted)";

  private FailureReason() {}

  /** A receiver answered {@code status} (not 2xx) with {@code body}. */
  static String answered(Webhook webhook, int status, String body) {
    String said = body == null ? "" : redact(webhook, body);
    said = said.replaceAll("\\p{Cntrl}+", " ").strip();
    if (said.length() > MAX_BODY_IN_ERROR) said = said.substring(0, MAX_BODY_IN_ERROR);
    return bounded(redact(webhook, "HTTP " + status + (said.isEmpty() ? "" : ": " + said)));
  }

  /** No answer came: the connection failed, the receiver took longer than {@code timeout}, or worse. */
  static String unanswered(Webhook webhook, Throwable error, Duration timeout) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String why;
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      why = "timed out after " + timeout.toMillis() + " ms";
    } else if (cause instanceof ConnectException) {
      why = "connection failed" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    } else {
      why = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
    return bounded(redact(webhook, why));
  }

  private static String bounded(String why) {
    return why.length() <= MAX_ERROR ? why : why.substring(0, MAX_ERROR - 3) + "...";
  }

  /** Removes anything secret that a receiver's answer or an exception message may echo. */
  private static String redact(Webhook webhook, String text) {
    URI uri = URI.create(webhook.url());
    List<String> secrets = new ArrayList<>();
    secrets.add(webhook.secret());
    secrets.add(uri.getRawUserInfo());
    secrets.add(uri.getUserInfo());
    secrets.add(uri.getRawQuery());
    secrets.add(uri.getQuery());
    String userInfo = uri.getUserInfo();
    if (userInfo != null) {
      // As sent in the Authorization header, which a receiver may echo.
      secrets.add(Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
      if (userInfo.indexOf(':') >= 0) secrets.add(userInfo.substring(userInfo.indexOf(':') + 1));
    }
    // Longest first, so that a secret containing another is removed whole.
    secrets.removeIf(s -> s == null || s.length() < 4);
    secrets.sort((a, b) -> b.length() - a.length());
    for (String s : secrets) text = text.replace(s, REDACTED);
    return text;
  }
}
