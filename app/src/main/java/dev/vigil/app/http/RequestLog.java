package dev.vigil.app.http;

import dev.vigil.app.auth.Caller;
import dev.vigil.app.metrics.HttpMetrics;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per API request: method, path (never the query string), status, duration, the
 * calling token's id and tenant, the route it matched and a request id. The same fields go in
 * the line's MDC ({@link #FIELDS}), so the JSON log layout carries each as its own field. The
 * request id is the caller's {@code X-Request-Id} when it is a plain token of up to 64
 * characters, else a new one, and is answered in the same header so a client can quote it.
 * Replaces Dropwizard's request log, which logs query strings. Each request is also timed into
 * {@link HttpMetrics}, by the same route template, whether or not the line is logged. Written
 * by Jersey's filter ({@link RequestLogFilter}) and by the lean decision path alike. Thread-safe.
 */
public final class RequestLog {

  public static final String REQUEST_ID = "X-Request-Id";
  /** The MDC keys of a request line. */
  static final List<String> FIELDS = List.of("requestId", "method", "route", "status", "micros", "tenant", "token");
  /** The route of a request that matched none. */
  static final String NO_ROUTE = "-";

  private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.requests");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final HttpMetrics metrics;

  public RequestLog(HttpMetrics metrics) {
    this.metrics = metrics;
  }

  /** The id of a request whose {@code X-Request-Id} header is {@code given} (null when absent). */
  public String id(String given) {
    return given != null && CLIENT_ID.matcher(given).matches() ? given : newId();
  }

  /**
   * Times and logs a request that took {@code nanos} (negative when unknown) on {@code route}
   * ({@link #NO_ROUTE} when none), for {@code caller} (null when unauthenticated).
   */
  public void done(String method, String path, String route, int status, long nanos, Caller caller, String id) {
    if (nanos >= 0) metrics.observe(method, NO_ROUTE.equals(route) ? null : route, status, nanos);
    if (!LOG.isInfoEnabled()) return;
    long micros = nanos < 0 ? -1 : nanos / 1000;
    try {
      MDC.put("requestId", id);
      MDC.put("method", method);
      MDC.put("route", route);
      MDC.put("status", Integer.toString(status));
      MDC.put("micros", Long.toString(micros));
      MDC.put("tenant", caller == null ? "-" : caller.tenantId());
      MDC.put("token", caller == null ? "-" : caller.tokenId());
      LOG.info("{} {} {} {}us {} {} {} {}", method, path, status, micros, MDC.get("token"), MDC.get("tenant"), route,
          id);
    } finally {
      FIELDS.forEach(MDC::remove);
    }
  }

  /**
   * Sixteen hex digits: an id to quote, not a secret, so it comes from the thread's own generator
   * rather than {@code SecureRandom}, whose reads of the system's entropy take one lock for every
   * request thread.
   */
  private static String newId() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
