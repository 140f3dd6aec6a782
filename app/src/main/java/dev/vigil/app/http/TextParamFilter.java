package dev.vigil.app.http;

import dev.vigil.collectors.db.Rejected;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request whose path or query parameters, once decoded, hold text {@link Text}
 * refuses (a NUL from {@code %00}, say), with 400 before any resource or database sees it.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 90)
public final class TextParamFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    String pathProblem = Text.problem(request.getUriInfo().getPath(true));
    if (pathProblem != null) throw Rejected.malformed("path: " + pathProblem);
    for (Map.Entry<String, List<String>> p : request.getUriInfo().getQueryParameters(true).entrySet()) {
      String nameProblem = Text.problem(p.getKey());
      if (nameProblem != null) throw Rejected.malformed("a query parameter's name " + nameProblem);
      for (String v : p.getValue()) {
        String problem = Text.problem(v);
        if (problem != null) throw Rejected.malformed("query parameter " + p.getKey() + ": " + problem);
      }
    }
  }
}
