package dev.vigil.app.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Holds a body to its size: over the configured limit is 413, at once when Content-Length
 * says so, otherwise as soon as a chunked body crosses the limit while it is read. A body
 * that ends early (the client closed or dropped the connection before sending all it
 * declared) is 400: the request was cut short, not our fault, and it is refused before any
 * resource acts on part of it.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodyLimitFilter implements ContainerRequestFilter {

  private final long maxBytes;

  public BodyLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > maxBytes) throw tooLarge();
    if (request.hasEntity()) request.setEntityStream(new Limited(request.getEntityStream()));
  }

  private WebApplicationException tooLarge() {
    return new WebApplicationException("the body is larger than " + maxBytes + " bytes", 413);
  }

  private static WebApplicationException cutShort() {
    return new WebApplicationException("the body ended before its Content-Length", 400);
  }

  private final class Limited extends FilterInputStream {
    private long read;

    Limited(InputStream in) {
      super(in);
    }

    @Override
    public int read() {
      int b;
      try {
        b = super.read();
      } catch (IOException early) {
        throw cutShort();
      }
      if (b >= 0) count(1);
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
      int n;
      try {
        n = super.read(buf, off, len);
      } catch (IOException early) {
        // Jetty's EofException (Early EOF) or a reset: either way the rest never comes.
        throw cutShort();
      }
      if (n > 0) count(n);
      return n;
    }

    private void count(long n) {
      read += n;
      if (read > maxBytes) throw tooLarge();
    }
  }
}
