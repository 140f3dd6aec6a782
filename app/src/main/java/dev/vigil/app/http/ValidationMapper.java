package dev.vigil.app.http;

import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/** Bean-validation failures: 422 (400 for query and path parameters), naming each field. */
public final class ValidationMapper implements ExceptionMapper<JerseyViolationException> {

  @Override
  public Response toResponse(JerseyViolationException e) {
    List<String> errors = e.getConstraintViolations().stream()
        .map(v -> ConstraintMessage.getMessage(v, e.getInvocable()))
        .sorted()
        .toList();
    int status = ConstraintMessage.determineStatus(e.getConstraintViolations(), e.getInvocable());
    String message = errors.size() == 1 ? errors.get(0) : errors.size() + " fields are invalid";
    return Errors.of(status, message, errors.size() > 1 ? errors : null);
  }
}
