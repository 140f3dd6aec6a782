package dev.vigil.app.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else is our fault: a 500 that names an incident id, with the details in the log
 * only, so no stack trace or stored value reaches a caller.
 */
public final class UnexpectedMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    ErrorBody body = logged(e);
    return Errors.of(body.code(), body.message());
  }

  /** Logs {@code e} under a new incident id, and returns the 500's body that names it. */
  public static ErrorBody logged(Throwable e) {
    String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
    LOG.error("unexpected error {}", id, e);
    return new ErrorBody(500, "internal error " + id + "; the server log has the details", null);
  }
}
