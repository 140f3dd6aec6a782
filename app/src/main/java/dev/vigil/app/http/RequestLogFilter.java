package dev.vigil.app.http;

import dev.vigil.app.auth.Caller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per API request: method, path (never the query string), status, duration and
 * the calling token's id. Replaces Dropwizard's request log, which logs query strings.
 */
@PreMatching
@Priority(1)
public final class RequestLogFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.requests");
  private static final String START = RequestLogFilter.class.getName() + ".start";

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(START, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!LOG.isInfoEnabled()) return;
    Object start = request.getProperty(START);
    long micros = start instanceof Long s ? (System.nanoTime() - s) / 1000 : -1;
    String caller = request.getSecurityContext() != null
        && request.getSecurityContext().getUserPrincipal() instanceof Caller c ? c.tokenId() : "-";
    LOG.info("{} /{} {} {}us {}", request.getMethod(), request.getUriInfo().getPath(),
        response.getStatus(), micros, caller);
  }
}
