package dev.vigil.app.web;

import dev.vigil.collectors.tenancy.PasswordHasher;
import dev.vigil.collectors.tenancy.SessionStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.model.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Signing in and out. People sign in with their email and password; the tenant comes from the
 * email. When the same email names a user in several tenants, the password is checked in each
 * (up to {@link #MAX_WORKSPACES}): one match signs in there, and only when several match is the
 * person asked for the workspace's name, so the form never tells a stranger which workspaces an
 * email belongs to. Every outcome looks the same to a wrong guess, failures are throttled
 * ({@link SignInThrottle}) and audited in the tenant of each account they tried.
 */
@Dashboard
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SignInResource {

  /** The most accounts one email's sign-in checks the password of (each an Argon2id hash). */
  static final int MAX_WORKSPACES = 5;

  private static final String WRONG = "That email and password do not match an active account.";

  private final UserStore users;
  private final SessionStore sessions;
  private final SignInThrottle throttle;
  private final PasswordHasher evenTiming = new PasswordHasher();
  private final SecureRandom random = new SecureRandom();

  public SignInResource(UserStore users, SessionStore sessions, SignInThrottle throttle) {
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  @GET
  @Path("sign-in")
  @Dashboard.SignedOut
  public Response form(@Context ContainerRequestContext request) {
    return form(request, 200, "", false, null);
  }

  @POST
  @Path("sign-in")
  @Dashboard.SignedOut
  public Response signIn(@Context ContainerRequestContext request, @Context HttpServletRequest servlet) {
    MultivaluedMap<String, String> f = SessionFilter.form(request).asMap();
    String email = Optional.ofNullable(f.getFirst("email")).orElse("").strip().toLowerCase(Locale.ROOT);
    String password = Optional.ofNullable(f.getFirst("password")).orElse("");
    String workspace = Optional.ofNullable(f.getFirst("workspace")).orElse("").strip();
    if (email.isEmpty() || password.isEmpty() || email.length() > 320 || password.length() > 1000) {
      return form(request, 400, email, !workspace.isEmpty(), "Enter your email and password.");
    }
    String address = servlet.getRemoteAddr();
    List<UserStore.Workspace> candidates = users.workspaces(email).stream()
        .filter(w -> workspace.isEmpty() || w.name().equalsIgnoreCase(workspace)).limit(MAX_WORKSPACES).toList();
    Optional<Duration> wait = throttle.wait(email, address);
    if (wait.isPresent()) {
      audit(candidates, email, "throttled", address);
      // Rounded up: a wait of less than a second still reads as one.
      Duration shown = Duration.ofSeconds(Math.max(1, (wait.get().toMillis() + 999) / 1000));
      return form(request, 429, email, !workspace.isEmpty(), "Too many failed sign-ins. Wait "
          + PageView.span(shown) + " and try again.");
    }
    List<User> matched = new ArrayList<>();
    for (UserStore.Workspace w : candidates) users.authenticate(w.tenantId(), email, password).ifPresent(matched::add);
    if (candidates.isEmpty()) evenTiming.hash(password);
    if (matched.isEmpty()) {
      throttle.failed(email, address);
      audit(candidates, email, "password", address);
      return form(request, 401, email, !workspace.isEmpty(), WRONG);
    }
    if (matched.size() > 1) {
      return form(request, 409, email, true, "This email has an account in several workspaces."
          + " Enter the name of the workspace to sign in to.");
    }
    throttle.succeeded(email);
    SessionStore.Started started = sessions.signIn(matched.get(0), address);
    boolean secure = request.getSecurityContext().isSecure();
    return Response.seeOther(URI.create("/"))
        .cookie(Cookies.session(started.secret(), secure), Cookies.cleared(Cookies.SIGN_IN, "/sign-in", secure))
        .build();
  }

  @POST
  @Path("sign-out")
  public Response signOut(@Context ContainerRequestContext request) {
    var cookie = request.getCookies().get(Cookies.SESSION);
    sessions.signOut(cookie == null ? null : cookie.getValue());
    boolean secure = request.getSecurityContext().isSecure();
    return Response.seeOther(URI.create("/sign-in")).cookie(Cookies.cleared(Cookies.SESSION, "/", secure)).build();
  }

  private void audit(List<UserStore.Workspace> candidates, String email, String reason, String address) {
    candidates.forEach(w -> sessions.signInFailed(w.tenantId(), w.userId(), email, reason, address));
  }

  /** The sign-in form with a fresh token, in its cookie and in the form. */
  private Response form(ContainerRequestContext request, int status, String email, boolean askWorkspace,
      String error) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return Response.status(status).entity(new SignInPage(token, email, askWorkspace, error))
        .cookie(Cookies.signIn(token, request.getSecurityContext().isSecure())).build();
  }
}
