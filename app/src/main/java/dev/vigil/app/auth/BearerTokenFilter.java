package dev.vigil.app.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Reads the token from {@code Authorization: Bearer <token>} only. Unlike Dropwizard's OAuth
 * filter it ignores an {@code access_token} query parameter: a token in a URL ends up in
 * request logs, proxies and browser history.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter extends AuthFilter<String, Caller> {

  @Override
  public void filter(ContainerRequestContext request) {
    if (!authenticate(request, token(request.getHeaderString(HttpHeaders.AUTHORIZATION)), "Bearer")) {
      throw new WebApplicationException(unauthorizedHandler.buildResponse(prefix, realm));
    }
  }

  static String token(String header) {
    if (header == null) return null;
    String h = header.strip();
    int space = h.indexOf(' ');
    if (space <= 0 || !h.substring(0, space).equalsIgnoreCase("Bearer")) return null;
    String token = h.substring(space + 1).strip();
    return token.isEmpty() ? null : token;
  }

  /** Builds the filter, as Dropwizard's builders do. */
  public static final class Builder extends AuthFilterBuilder<String, Caller, BearerTokenFilter> {
    @Override
    protected BearerTokenFilter newInstance() {
      return new BearerTokenFilter();
    }
  }
}
