package dev.vigil.app.http;

import dev.vigil.collectors.db.Rejected;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds error responses in the one shape the API uses. */
public final class Errors {

  private Errors() {}

  public static Response of(int status, String message) {
    return of(status, message, null);
  }

  public static Response of(int status, String message, List<String> errors) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(status, message, errors))
        .build();
  }

  /** A refusal for {@code reason}, at the status {@link RejectedMapper#status} gives it. */
  public static Response of(Rejected.Reason reason, String message) {
    return of(reason, message, null);
  }

  public static Response of(Rejected.Reason reason, String message, List<String> errors) {
    return of(RejectedMapper.status(reason), message, errors);
  }
}
