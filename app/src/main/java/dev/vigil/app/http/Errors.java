package dev.vigil.app.http;

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
}
