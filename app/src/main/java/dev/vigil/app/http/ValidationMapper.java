package dev.vigil.app.http;

import static dev.vigil.collectors.db.Rejected.Reason.INVALID;

import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/**
 * Bean-validation failures, naming each field. A broken constraint is invalid input wherever
 * it sits (body, query or path), so one status answers all of them, where Dropwizard would
 * answer 400 for parameters; only a constraint on what a resource returns stays the server's
 * fault (500).
 */
public final class ValidationMapper implements ExceptionMapper<JerseyViolationException> {

  @Override
  public Response toResponse(JerseyViolationException e) {
    List<String> errors = e.getConstraintViolations().stream()
        .map(v -> ConstraintMessage.getMessage(v, e.getInvocable()))
        .sorted()
        .toList();
    long fields = e.getConstraintViolations().stream().map(v -> v.getPropertyPath().toString()).distinct().count();
    String message = fields == 1 ? String.join("; ", errors) : fields + " fields are invalid";
    List<String> listed = fields > 1 ? errors : null;
    boolean ours = ConstraintMessage.determineStatus(e.getConstraintViolations(), e.getInvocable()) >= 500;
    return ours ? Errors.of(500, message, listed) : Errors.of(INVALID, message, listed);
  }
}
