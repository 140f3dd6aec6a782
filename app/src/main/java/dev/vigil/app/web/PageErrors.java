package dev.vigil.app.web;

import dev.vigil.app.http.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;

/**
 * A refusal the API's mappers made while serving a dashboard page (a query parameter the page
 * does not take, a value out of range) answered as the page's HTML error, with the same status
 * and sentence, instead of the API's JSON body.
 */
final class PageErrors implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(response.getEntity() instanceof ErrorBody body)) return;
    String detail = body.errors() == null || body.errors().isEmpty() ? body.message()
        : body.message() + ": " + String.join("; ", body.errors());
    response.setEntity(new ErrorPage(WebSession.of(request), body.code(), detail), null,
        MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
  }
}
