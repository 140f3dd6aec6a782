package dev.vigil.app.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself, before any resource sees the request (a malformed request line
 * or header, bad percent-encoding, an ambiguous path, a URI or headers too long, an unknown
 * HTTP version), answered with the API's JSON error body instead of an HTML page. The message
 * is the status's standard phrase: Jetty's own may quote the offending input.
 */
public final class JsonErrorHandler extends ErrorHandler {

  /**
   * Every method gets the body: Jetty's default writes one only for GET, POST and HEAD, which
   * left a PATCH, PUT or DELETE to a malformed path with an empty 400.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put("X-Content-Type-Options", SecurityHeadersFilter.NOSNIFF);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, SecurityHeadersFilter.NO_STORE);
    response.write(true, body(code), callback);
  }

  /** The body of an error found while parsing the request, before a response object exists. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    fields.put("X-Content-Type-Options", SecurityHeadersFilter.NOSNIFF);
    fields.put(HttpHeader.CACHE_CONTROL, SecurityHeadersFilter.NO_STORE);
    return body(status);
  }

  private static ByteBuffer body(int code) {
    String phrase = HttpStatus.getMessage(code);
    String json = "{\"code\":" + code + ",\"message\":\"" + (phrase == null ? "error" : phrase.toLowerCase()) + "\"}";
    return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
  }
}
