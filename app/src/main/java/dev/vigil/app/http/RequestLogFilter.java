package dev.vigil.app.http;

import dev.vigil.app.auth.Caller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Writes the {@link RequestLog} line of every request Jersey answers: the clock starts before
 * matching, and the line is written with the response, naming the route template it matched.
 */
@PreMatching
@Priority(1)
public final class RequestLogFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String START = RequestLogFilter.class.getName() + ".start";
  private static final String ID = RequestLogFilter.class.getName() + ".id";

  private final RequestLog log;

  public RequestLogFilter(RequestLog log) {
    this.log = log;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(START, System.nanoTime());
    request.setProperty(ID, log.id(request.getHeaderString(RequestLog.REQUEST_ID)));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(ID);
    if (id != null) response.getHeaders().putSingle(RequestLog.REQUEST_ID, id);
    Object start = request.getProperty(START);
    long nanos = start instanceof Long s ? System.nanoTime() - s : -1;
    Caller caller = request.getSecurityContext() != null
        && request.getSecurityContext().getUserPrincipal() instanceof Caller c ? c : null;
    log.done(request.getMethod(), "/" + request.getUriInfo().getPath(), route(request), response.getStatus(), nanos,
        caller, String.valueOf(id));
  }

  /** The resource template the request matched ("/api/v1/agents/{id}"), or "-" when none did. */
  private static String route(ContainerRequestContext request) {
    if (!(request.getUriInfo() instanceof ExtendedUriInfo info)) return RequestLog.NO_ROUTE;
    List<String> outerFirst = new ArrayList<>();
    List<UriTemplate> templates = info.getMatchedTemplates();
    for (int i = templates.size() - 1; i >= 0; i--) outerFirst.add(templates.get(i).getTemplate());
    return route(outerFirst);
  }

  /**
   * Joins matched templates, the resource's first, with one slash between each: a resource at
   * {@code /} with a method at {@code /sign-in} is {@code /sign-in}, not {@code //sign-in}.
   */
  static String route(List<String> outerFirst) {
    StringBuilder out = new StringBuilder();
    for (String t : outerFirst) {
      boolean slashEnded = out.length() > 0 && out.charAt(out.length() - 1) == '/';
      if (t.startsWith("/") && slashEnded) {
        out.append(t, 1, t.length());
      } else {
        if (!t.startsWith("/") && out.length() > 0 && !slashEnded) out.append('/');
        out.append(t);
      }
    }
    return out.length() == 0 ? RequestLog.NO_ROUTE : out.toString();
  }
}
