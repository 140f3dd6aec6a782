package dev.vigil.app.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.vigil.app.api.AuthorizeRequest;
import dev.vigil.app.api.AuthorizeResponse;
import dev.vigil.app.auth.Bearer;
import dev.vigil.app.auth.BearerTokenFilter;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.RecheckedAtCommit;
import dev.vigil.app.auth.TokenAuthenticator;
import dev.vigil.app.http.ErrorBody;
import dev.vigil.app.http.RejectedMapper;
import dev.vigil.app.http.RequestLog;
import dev.vigil.app.http.UnexpectedMapper;
import dev.vigil.collectors.db.Rejected;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /api/v1/authorize}, the call an agent runtime makes before every action, answered
 * without the framework's per-request work when the request is plain: that exact path with no
 * query string; a body of a known length up to 4 KiB (and the configured limit) with no content
 * encoding; {@code Content-Type: application/json} (optionally {@code ;charset=utf-8}); an
 * {@code Accept} that is absent, {@code *}{@code /*} or {@code application/json}; one bearer
 * token, valid, of a role the resource allows; each of those headers and {@code X-Request-Id}
 * at most once; and a body that parses and validates. It authenticates, parses, validates and
 * writes the answer and its request-log line with the same parts Jersey uses (the token
 * authenticator, the service's object mapper and validator, {@link RequestLog}) and calls the
 * resource method itself, which stays the one definition of the call; the roles and the token's
 * re-check come from that method's annotations. A refusal the method throws is answered as
 * {@link RejectedMapper} answers it, anything else it throws as {@link UnexpectedMapper} does.
 *
 * <p>A request that is not plain, has no valid token of an allowed role, or whose body does not
 * arrive whole, parse or validate goes on to Jersey unchanged, the bytes already read replayed
 * (and a read's failure met again at the same byte), so those errors are answered by the API's
 * mappers and nothing has been decided. Under load the framework's routing, injection, method
 * validation and entity providers were about two thirds of a decision's request-thread time
 * (docs/benchmarks.md).
 */
public final class AuthorizeFastPath extends HttpFilter {

  /** The path it serves: the resource's. */
  public static final String PATH = DecisionResource.class.getAnnotation(Path.class).value();
  /** A decision's body is a few hundred bytes; larger ones go to Jersey, which holds them to the limit. */
  private static final int MAX_BODY = 4096;

  private final DecisionResource resource;
  private final TokenAuthenticator authenticator;
  private final Set<String> roles;
  private final boolean rechecked;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final Validator validator;
  private final RequestLog log;
  private final int maxBody;

  public AuthorizeFastPath(DecisionResource resource, TokenAuthenticator authenticator, ObjectMapper json,
      Validator validator, RequestLog log, int maxBodyBytes) {
    this.resource = resource;
    this.authenticator = authenticator;
    Method call = Arrays.stream(DecisionResource.class.getMethods()).filter(m -> m.isAnnotationPresent(POST.class))
        .findFirst().orElseThrow();
    this.roles = Set.of(call.getAnnotation(RolesAllowed.class).value());
    this.rechecked = call.isAnnotationPresent(RecheckedAtCommit.class);
    this.reader = json.readerFor(AuthorizeRequest.class);
    this.writer = json.writer();
    this.validator = validator;
    this.log = log;
    this.maxBody = Math.min(MAX_BODY, maxBodyBytes);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long start = System.nanoTime();
    if (!plain(request)) {
      chain.doFilter(request, response);
      return;
    }
    String id = log.id(request.getHeader(RequestLog.REQUEST_ID));
    Caller caller = null;
    Body body = null;
    int status = 200;
    Object answer = null;
    try {
      caller = caller(request);
      body = caller == null ? null : Body.read(request.getInputStream(), (int) request.getContentLengthLong());
      AuthorizeRequest asked = body == null || !body.complete() ? null : parse(body.bytes());
      if (asked != null && validator.validate(asked).isEmpty()) answer = resource.authorize(caller, asked);
    } catch (Rejected refused) {
      // The resource's own refusal, answered as RejectedMapper answers it: the call never runs twice.
      ErrorBody refusal = RejectedMapper.body(refused);
      status = refusal.code();
      answer = refusal;
    } catch (Throwable e) {
      // As UnexpectedMapper answers whatever a resource throws under Jersey.
      status = 500;
      answer = UnexpectedMapper.logged(e);
    }
    if (answer == null) {
      chain.doFilter(body == null ? request : new Replayed(request, body), response);
      return;
    }
    byte[] bytes = writer.writeValueAsBytes(answer);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON);
    response.setHeader(RequestLog.REQUEST_ID, id);
    response.setContentLength(bytes.length);
    // Logged before the body is written, as Jersey's response filter logs it.
    log.done(request.getMethod(), PATH, PATH, status, System.nanoTime() - start, caller, id);
    response.getOutputStream().write(bytes);
  }

  /**
   * Whether the request is one the lean path reads itself. Each header it reads comes at most
   * once: Jersey joins repeated values, and two {@code Authorization} headers are no token to it.
   */
  private boolean plain(HttpServletRequest request) {
    long length = request.getContentLengthLong();
    return "POST".equals(request.getMethod()) && request.getQueryString() == null
        && request.getRequestURI().equals(request.getContextPath() + PATH) && length > 0 && length <= maxBody
        && count(request, HttpHeaders.AUTHORIZATION) == 1 && count(request, HttpHeaders.CONTENT_ENCODING) == 0
        && count(request, HttpHeaders.CONTENT_TYPE) == 1 && json(request.getContentType())
        && count(request, HttpHeaders.ACCEPT) <= 1 && accepted(request.getHeader(HttpHeaders.ACCEPT))
        && count(request, RequestLog.REQUEST_ID) <= 1;
  }

  /** How many times header {@code name} comes, counted up to two. */
  private static int count(HttpServletRequest request, String name) {
    Enumeration<String> values = request.getHeaders(name);
    int n = 0;
    while (values != null && values.hasMoreElements() && n < 2) {
      values.nextElement();
      n++;
    }
    return n;
  }

  private static boolean json(String contentType) {
    String t = contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    return t.equals(MediaType.APPLICATION_JSON) || t.equals(MediaType.APPLICATION_JSON + ";charset=utf-8");
  }

  private static boolean accepted(String accept) {
    if (accept == null) return true;
    String a = accept.strip();
    return a.equals(MediaType.WILDCARD) || a.equalsIgnoreCase(MediaType.APPLICATION_JSON);
  }

  /** The caller, when the request's token is valid and of a role the call allows; else null. */
  private Caller caller(HttpServletRequest request) {
    String token = BearerTokenFilter.token(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (token == null) return null;
    Caller caller = authenticator.authenticate(new Bearer(token, rechecked)).orElse(null);
    return caller != null && roles.contains(caller.role().wire()) ? caller : null;
  }

  /**
   * The body as far as it was read: all {@code length} bytes, or fewer when it ended early or
   * reading failed ({@code failure}), which Jersey then meets at the same byte.
   */
  private record Body(byte[] bytes, int length, IOException failure) {

    static Body read(InputStream in, int length) {
      byte[] buf = new byte[length];
      int n = 0;
      try {
        for (int r; n < length && (r = in.read(buf, n, length - n)) > 0; ) n += r;
      } catch (IOException e) {
        return new Body(Arrays.copyOf(buf, n), length, e);
      }
      return new Body(n == length ? buf : Arrays.copyOf(buf, n), length, null);
    }

    boolean complete() {
      return failure == null && bytes.length == length;
    }
  }

  /** The request to decide, or null when the body does not parse: Jersey says why. */
  private AuthorizeRequest parse(byte[] body) {
    try {
      return reader.readValue(body);
    } catch (IOException malformed) {
      return null;
    }
  }

  /**
   * The request, its body's first bytes (those already read) replayed before the rest, or
   * before the failure that stopped them.
   */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final ServletInputStream in;

    Replayed(HttpServletRequest request, Body read) throws IOException {
      super(request);
      ByteArrayInputStream first = new ByteArrayInputStream(read.bytes());
      ServletInputStream rest = request.getInputStream();
      InputStream all = new SequenceInputStream(first, read.failure() == null ? rest : failing(read.failure()));
      this.in = new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return all.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return all.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return first.available() == 0 && (read.failure() != null || rest.isFinished());
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("a replayed body is read blocking");
        }
      };
    }

    @Override
    public ServletInputStream getInputStream() {
      return in;
    }

    /** A stream that fails as the body's first reading did. */
    private static InputStream failing(IOException failure) {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          throw failure;
        }
      };
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String charset = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(in, charset == null ? "UTF-8" : charset));
    }
  }
}
