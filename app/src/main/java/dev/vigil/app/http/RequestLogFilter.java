package dev.vigil.app.http;

import dev.vigil.app.auth.Caller;
import dev.vigil.app.metrics.HttpMetrics;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
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
 * {@link HttpMetrics}, by the same route template, whether or not the line is logged.
 */
@PreMatching
@Priority(1)
public final class RequestLogFilter implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String REQUEST_ID = "X-Request-Id";
  /** The MDC keys of a request line. */
  static final List<String> FIELDS = List.of("requestId", "method", "route", "status", "micros", "tenant", "token");

  private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.requests");
  private static final String START = RequestLogFilter.class.getName() + ".start";
  private static final String ID = RequestLogFilter.class.getName() + ".id";
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final HttpMetrics metrics;

  public RequestLogFilter(HttpMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(START, System.nanoTime());
    String given = request.getHeaderString(REQUEST_ID);
    request.setProperty(ID, given != null && CLIENT_ID.matcher(given).matches() ? given : newId());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(ID);
    if (id != null) response.getHeaders().putSingle(REQUEST_ID, id);
    Object start = request.getProperty(START);
    long nanos = start instanceof Long s ? System.nanoTime() - s : -1;
    String route = route(request);
    if (nanos >= 0) metrics.observe(request.getMethod(), "-".equals(route) ? null : route, response.getStatus(), nanos);
    if (!LOG.isInfoEnabled()) return;
    long micros = nanos < 0 ? -1 : nanos / 1000;
    Caller caller = request.getSecurityContext() != null
        && request.getSecurityContext().getUserPrincipal() instanceof Caller c ? c : null;
    try {
      MDC.put("requestId", String.valueOf(id));
      MDC.put("method", request.getMethod());
      MDC.put("route", route);
      MDC.put("status", Integer.toString(response.getStatus()));
      MDC.put("micros", Long.toString(micros));
      MDC.put("tenant", caller == null ? "-" : caller.tenantId());
      MDC.put("token", caller == null ? "-" : caller.tokenId());
      LOG.info("{} /{} {} {}us {} {} {} {}", request.getMethod(), request.getUriInfo().getPath(),
          response.getStatus(), micros, MDC.get("token"), MDC.get("tenant"), route, id);
    } finally {
      FIELDS.forEach(MDC::remove);
    }
  }

  /** The resource template the request matched ("/api/v1/agents/{id}"), or "-" when none did. */
  private static String route(ContainerRequestContext request) {
    if (!(request.getUriInfo() instanceof ExtendedUriInfo info) || info.getMatchedTemplates().isEmpty()) return "-";
    StringBuilder out = new StringBuilder();
    List<UriTemplate> templates = info.getMatchedTemplates();
    for (int i = templates.size() - 1; i >= 0; i--) {
      String t = templates.get(i).getTemplate();
      if (!t.startsWith("/") && out.length() > 0 && out.charAt(out.length() - 1) != '/') out.append('/');
      out.append(t);
    }
    return out.length() == 0 ? "-" : out.toString();
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
