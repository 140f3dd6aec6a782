package dev.vigil.collectors.alerts;

import dev.vigil.controls.audit.Sha256;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A receiver of alerts, as configured in {@code config.yml}: its URL and the secret that signs
 * what is sent to it.
 *
 * <p>The URL may carry credentials for the receiver ({@code https://user:pass@host/path}, sent
 * as HTTP Basic authentication) and a query string ({@code ?token=...}, sent as is); both are
 * secrets too, and so may the path (Slack-style {@code /services/T0/B0/XXXX}): {@link #safeUrl()}
 * keeps only the origin, the first path segment and a fingerprint of the whole path, and that
 * form is the only one that is logged, stored, or printed by {@link #toString()}. Immutable
 * and thread-safe.
 *
 * @param url an absolute {@code http} or {@code https} URL
 * @param secret the HMAC-SHA256 key shared with the receiver, at least {@value #MIN_SECRET} characters
 */
public record Webhook(String url, String secret) {

  /** The shortest secret accepted: shorter keys are guessable offline from one signed request. */
  public static final int MIN_SECRET = 16;

  /** The width of {@code alert_deliveries.webhook}. */
  static final int MAX_URL = 2000;

  public Webhook {
    // Messages never echo the URL or the secret: either may be what is wrong, and both are secret.
    if (url == null || url.isBlank()) throw new IllegalArgumentException("webhook url is required");
    if (url.length() > MAX_URL) throw new IllegalArgumentException("webhook url is longer than " + MAX_URL);
    URI uri = parse(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("webhook url must be an absolute http or https URL with a host");
    }
    if (secret == null || secret.length() < MIN_SECRET) {
      throw new IllegalArgumentException("webhook secret must be at least " + MIN_SECRET + " characters");
    }
  }

  /** Checks {@code url} and {@code secret} as the constructor does; for config validation. */
  public static void validate(String url, String secret) {
    new Webhook(url, secret);
  }

  /**
   * What may be logged and stored: the origin, the first path segment (the rest elided) and
   * the first 8 hex digits of the path's SHA-256, which tell webhooks apart without revealing
   * a secret in the path; never credentials, query or fragment. For example
   * {@code https://hooks.slack.com/services/… #1f2e3d4c}.
   */
  public String safeUrl() {
    URI uri = parse(url);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    int second = path.indexOf('/', 1);
    String shown = second < 0 ? path : path.substring(0, second) + "/…";
    return origin(uri) + shown + " #" + fingerprint(path);
  }

  private static String fingerprint(String path) {
    return Sha256.hex(path).substring(0, 8);
  }

  /** The URL the request goes to: without credentials (sent as a header) or fragment. */
  URI requestUri() {
    URI uri = parse(url);
    String query = uri.getRawQuery();
    return URI.create(origin(uri) + uri.getRawPath() + (query == null ? "" : "?" + query));
  }

  /** The decoded {@code user:password} of the URL, or {@code null}. */
  String userInfo() {
    return parse(url).getUserInfo();
  }

  @Override
  public String toString() {
    return "Webhook[url=" + safeUrl() + ", secret=(redacted)]";
  }

  private static String origin(URI uri) {
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port;
  }

  private static URI parse(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("webhook url is not a valid URI");
    }
  }
}
