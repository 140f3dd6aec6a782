package dev.vigil.app.http;

import dev.vigil.collectors.db.Rejected;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A refusal, with its own sentence, at the status its reason answers with. {@link #status} is
 * the one table from reasons to statuses; the body mappers use it too, so malformed and
 * invalid input answer alike wherever they are caught (docs/api.md, "Errors").
 */
public final class RejectedMapper implements ExceptionMapper<Rejected> {

  /** The HTTP status of a refusal for {@code reason}. */
  public static int status(Rejected.Reason reason) {
    return switch (reason) {
      case MALFORMED -> 400;
      case INVALID -> 422;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNAVAILABLE -> 503;
    };
  }

  @Override
  public Response toResponse(Rejected e) {
    ErrorBody body = body(e);
    return Errors.of(body.code(), body.message());
  }

  /** The body of the answer to {@code e}. */
  public static ErrorBody body(Rejected e) {
    return new ErrorBody(status(e.reason()), e.getMessage(), null);
  }
}
