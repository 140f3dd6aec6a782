package dev.vigil.app.web;

import dev.vigil.collectors.tenancy.SessionStore;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.controls.model.Tenant;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * Guards the methods of {@link Dashboard} resources. A page without a live session sends the
 * browser to {@code /sign-in} (a polled fragment tells htmx to go there); every POST must carry
 * the session's CSRF token in its {@code csrf} form field, or it is refused with a 403 page
 * before the resource sees it. The sign-in form ({@link Dashboard.SignedOut}) has no session
 * yet: it carries the token of a short-lived cookie instead (double submit). The form is read
 * here once and kept on the request for the resource ({@link #form}).
 */
public final class SessionFilter implements ContainerRequestFilter {

  static final String FORM = "vigil.web.form";

  private final SessionStore sessions;
  private final TenantStore tenants;
  private final boolean signedOut;
  private final boolean live;

  SessionFilter(SessionStore sessions, TenantStore tenants, boolean signedOut, boolean live) {
    this.sessions = sessions;
    this.tenants = tenants;
    this.signedOut = signedOut;
    this.live = live;
  }

  /** Registers a filter on every method of each {@link Dashboard} resource, and {@link PageErrors} for its refusals. */
  static DynamicFeature feature(SessionStore sessions, TenantStore tenants) {
    return (ResourceInfo info, FeatureContext context) -> {
      if (info.getResourceClass() == null || !info.getResourceClass().isAnnotationPresent(Dashboard.class)) return;
      var method = info.getResourceMethod();
      context.register(new SessionFilter(sessions, tenants, method.isAnnotationPresent(Dashboard.SignedOut.class),
          method.isAnnotationPresent(Dashboard.Live.class)), jakarta.ws.rs.Priorities.AUTHENTICATION);
      context.register(new PageErrors());
    };
  }

  @Override
  public void filter(ContainerRequestContext request) {
    boolean post = HttpMethod.POST.equals(request.getMethod());
    Form form = post ? readForm(request) : new Form();
    request.setProperty(FORM, form);
    if (signedOut) {
      if (post && !same(cookie(request, Cookies.SIGN_IN), form.asMap().getFirst("csrf"))) {
        request.abortWith(refused(null, "The sign-in form expired. Open the sign-in page again."));
      }
      return;
    }
    String secret = cookie(request, Cookies.SESSION);
    Optional<SessionStore.Current> current = sessions.find(secret, !live);
    if (current.isEmpty()) {
      if (request.getHeaderString("HX-Request") != null) {
        request.abortWith(Response.ok().header("HX-Redirect", "/sign-in").build());
      } else if (post) {
        request.abortWith(refused(null, "Your session has ended. Sign in again, then repeat what you did."));
      } else {
        request.abortWith(Response.seeOther(URI.create("/sign-in")).build());
      }
      return;
    }
    var c = current.get();
    String workspace = tenants.find(c.user().tenantId()).map(Tenant::name).orElse("");
    WebSession session = new WebSession(c.user(), workspace, c.session(), SessionStore.csrfToken(secret));
    if (post && !same(session.csrf(), form.asMap().getFirst("csrf"))) {
      request.abortWith(refused(session, "This form was not sent from a page of this dashboard (its security token"
          + " is missing or wrong). Reload the page and try again."));
      return;
    }
    request.setProperty(WebSession.PROPERTY, session);
  }

  /** The form the filter read from a POST (empty for other methods). */
  static Form form(ContainerRequestContext request) {
    return (Form) request.getProperty(FORM);
  }

  private static Form readForm(ContainerRequestContext request) {
    if (!MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) return new Form();
    ContainerRequest r = (ContainerRequest) request;
    r.bufferEntity();
    return r.readEntity(Form.class);
  }

  private static Response refused(WebSession session, String why) {
    return PageRefused.forbidden(session, why).getResponse();
  }

  private static String cookie(ContainerRequestContext request, String name) {
    Cookie c = request.getCookies().get(name);
    return c == null ? null : c.getValue();
  }

  /** Whether both are present and equal, compared in constant time. */
  private static boolean same(String expected, String given) {
    if (expected == null || expected.isEmpty() || given == null) return false;
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
