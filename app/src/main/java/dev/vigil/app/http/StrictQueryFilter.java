package dev.vigil.app.http;

import dev.vigil.collectors.db.Rejected;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Refuses, with 400, a query parameter the matched endpoint does not declare, and a second
 * value of one it reads as a single value (Jersey would silently keep the first). One instance
 * per resource method, made at startup by {@link StrictQueryFeature} from the method's own
 * annotations, so what it accepts is exactly what the method reads.
 */
final class StrictQueryFilter implements ContainerRequestFilter {

  /** Longest part of an unknown parameter's name repeated in the message. */
  private static final int SHOWN = 64;

  private final String endpoint;
  private final Set<String> accepted;
  private final Set<String> single;
  private final String acceptedText;

  /** The check for {@code endpoint} (e.g. {@code GET /api/v1/agents}) declaring {@code declared}. */
  StrictQueryFilter(String endpoint, List<QueryParams.Declared> declared) {
    this.endpoint = endpoint;
    this.accepted = declared.stream().map(QueryParams.Declared::name).collect(Collectors.toUnmodifiableSet());
    this.single = declared.stream().filter(d -> !d.multiValued()).map(QueryParams.Declared::name)
        .collect(Collectors.toUnmodifiableSet());
    this.acceptedText = declared.isEmpty() ? endpoint + " takes no query parameters"
        : endpoint + " accepts: " + declared.stream().map(QueryParams.Declared::name).distinct()
            .collect(Collectors.joining(", "));
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Set<String> unknown = new TreeSet<>(); // sorted: the query's order is lost in its map
    for (Map.Entry<String, List<String>> p : request.getUriInfo().getQueryParameters(true).entrySet()) {
      String name = p.getKey();
      if (!accepted.contains(name)) {
        unknown.add(shown(name));
      } else if (single.contains(name) && p.getValue().size() > 1) {
        throw Rejected.malformed("query parameter '" + name + "' given " + p.getValue().size()
            + " times; " + endpoint + " takes one value");
      }
    }
    if (unknown.isEmpty()) return;
    throw Rejected.malformed((unknown.size() == 1 ? "unknown query parameter " : "unknown query parameters ")
        + unknown.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + "; " + acceptedText);
  }

  /** A name as the message shows it: cut short, since any text a client sends comes back. */
  private static String shown(String name) {
    return name.length() <= SHOWN ? name : name.substring(0, SHOWN) + "...";
  }
}
