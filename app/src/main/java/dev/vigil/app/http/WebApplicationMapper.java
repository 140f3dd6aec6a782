package dev.vigil.app.http;

import dev.vigil.app.web.PageRefused;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Jersey's own refusals (403, 404, 405, 413, 415 ...), in the API's error shape. A dashboard
 * page's refusal ({@link PageRefused}) is already an HTML page and passes as it is; a path that
 * matches nothing outside the API gets the dashboard's HTML 404 page when the client asks for
 * HTML by name (a browser), and the JSON error otherwise.
 */
public final class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {

  @Context
  private UriInfo uri;

  @Context
  private HttpHeaders headers;

  @Override
  public Response toResponse(WebApplicationException e) {
    if (e instanceof PageRefused) return e.getResponse();
    if (e instanceof NotFoundException && uri != null && !uri.getPath().startsWith("api/") && wantsHtml()) {
      return PageRefused.unknownPath();
    }
    int status = e.getResponse().getStatus();
    String message;
    if (e instanceof ForbiddenException) {
      message = "this token's role may not do this";
    } else if (e instanceof NotSupportedException) {
      message = "the body must be JSON: send Content-Type: application/json";
    } else if (e instanceof NotFoundException) {
      message = "no such resource";
    } else if (e instanceof NotAllowedException) {
      message = "method not allowed here";
    } else if (e.getMessage() != null && !e.getMessage().startsWith("HTTP ")) {
      message = e.getMessage();
    } else {
      message = e.getResponse().getStatusInfo().getReasonPhrase();
    }
    Response.ResponseBuilder out = Response.fromResponse(Errors.of(status, message));
    e.getResponse().getHeaders().forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Content-Type")) v.forEach(value -> out.header(k, value));
    });
    return out.build();
  }

  /** Whether the client named HTML among what it accepts (a wildcard alone is not asking for a page). */
  private boolean wantsHtml() {
    return headers != null && headers.getAcceptableMediaTypes().stream()
        .anyMatch(t -> !t.isWildcardType() && t.isCompatible(MediaType.TEXT_HTML_TYPE));
  }
}
