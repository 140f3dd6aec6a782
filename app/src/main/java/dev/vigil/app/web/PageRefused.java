package dev.vigil.app.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A dashboard request refused with an HTML page (404 for an id the tenant does not have, 403
 * for an action the role may not take or a form without its CSRF token, 400 for a filter value
 * a list does not offer), which the API's exception mapper passes through as it is.
 */
public final class PageRefused extends WebApplicationException {

  private PageRefused(int status, ErrorPage page) {
    super(Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build());
  }

  static PageRefused notFound(WebSession session, String what) {
    return new PageRefused(404, new ErrorPage(session, 404,
        "There is no " + what + " here. It may have been removed, or the link may be wrong."));
  }

  /** An address whose query asks for what the page does not offer (a filter value its form never sends). */
  static PageRefused badAddress(WebSession session, String why) {
    return new PageRefused(400, new ErrorPage(session, 400, why));
  }

  static PageRefused forbidden(WebSession session, String why) {
    return new PageRefused(403, new ErrorPage(session, 403, why));
  }

  /** Something asked of a thing that is not ready for it yet (a report's file before the report is done). */
  static PageRefused notReady(WebSession session, String why) {
    return new PageRefused(409, new ErrorPage(session, 409, why));
  }

  /** A page for an unknown path, for whoever asks (signed in or not: the page does not say). */
  public static Response unknownPath() {
    return new PageRefused(404, new ErrorPage(null, 404,
        "There is no page at this address.")).getResponse();
  }
}
