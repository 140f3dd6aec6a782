package dev.vigil.app.http;

import dev.vigil.collectors.db.Rejected;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Set;

/**
 * Refuses, with 400, a request that carries a token in its URL ({@code access_token} or
 * {@code token}), whatever else it sends. A URL ends up in proxies' logs, browser history and,
 * with request logging turned up, this server's own logs; refusing it, rather than ignoring it,
 * tells the client to move the token to the {@code Authorization} header before one leaks.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 95)
public final class QueryTokenFilter implements ContainerRequestFilter {

  private static final Set<String> NAMES = Set.of("access_token", "token");

  @Override
  public void filter(ContainerRequestContext request) {
    for (String name : request.getUriInfo().getQueryParameters(false).keySet()) {
      if (NAMES.contains(name)) {
        throw Rejected.malformed("query parameter " + name + ": send a token only in the Authorization header "
            + "(Authorization: Bearer <token>); a token in a URL is logged along the way. Revoke this one");
      }
    }
  }
}
