package dev.vigil.app.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.glassfish.jersey.server.ExtendedUriInfo;

/**
 * Reads the token from {@code Authorization: Bearer <token>} only. Unlike Dropwizard's OAuth
 * filter it ignores an {@code access_token} query parameter: a token in a URL ends up in
 * request logs, proxies and browser history.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter extends AuthFilter<Bearer, Caller> {

  @Override
  public void filter(ContainerRequestContext request) {
    String token = token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (!authenticate(request, token == null ? null : new Bearer(token, rechecked(request)), "Bearer")) {
      throw new WebApplicationException(unauthorizedHandler.buildResponse(prefix, realm));
    }
  }

  /** Whether the matched resource method re-checks the token at commit. */
  private static boolean rechecked(ContainerRequestContext request) {
    return request.getUriInfo() instanceof ExtendedUriInfo info && info.getMatchedResourceMethod() != null
        && info.getMatchedResourceMethod().getInvocable().getHandlingMethod()
            .isAnnotationPresent(RecheckedAtCommit.class);
  }

  /** The token of an {@code Authorization} header, or null when it carries no bearer token. */
  public static String token(String header) {
    if (header == null) return null;
    String h = header.strip();
    int space = h.indexOf(' ');
    if (space <= 0 || !h.substring(0, space).equalsIgnoreCase("Bearer")) return null;
    String token = h.substring(space + 1).strip();
    return token.isEmpty() ? null : token;
  }

  /** Builds the filter, as Dropwizard's builders do. */
  public static final class Builder extends AuthFilterBuilder<Bearer, Caller, BearerTokenFilter> {
    @Override
    protected BearerTokenFilter newInstance() {
      return new BearerTokenFilter();
    }
  }
}
