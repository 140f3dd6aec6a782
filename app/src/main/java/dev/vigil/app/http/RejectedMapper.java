package dev.vigil.app.http;

import dev.vigil.collectors.db.Rejected;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A store's refusal: 404, 409 or 422 with the store's own sentence. */
public final class RejectedMapper implements ExceptionMapper<Rejected> {

  @Override
  public Response toResponse(Rejected e) {
    return Errors.of(e.reason().status, e.getMessage());
  }
}
