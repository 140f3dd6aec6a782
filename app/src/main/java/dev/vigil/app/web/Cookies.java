package dev.vigil.app.web;

import jakarta.ws.rs.core.NewCookie;

/**
 * The dashboard's cookies: the session's secret, and the sign-in form's token. Both are
 * {@code HttpOnly} (no script reads them), {@code SameSite=Strict} (no other site's page sends
 * them) and {@code Secure} when the page came over TLS; neither has a max age, so the browser
 * drops them when it closes, whatever the server-side expiry.
 */
final class Cookies {

  static final String SESSION = "vigil_session";
  static final String SIGN_IN = "vigil_sign_in";

  private Cookies() {}

  static NewCookie session(String secret, boolean secure) {
    return cookie(SESSION, secret, "/", secure, -1);
  }

  static NewCookie signIn(String token, boolean secure) {
    return cookie(SIGN_IN, token, "/sign-in", secure, -1);
  }

  /** Tells the browser to forget a cookie. */
  static NewCookie cleared(String name, String path, boolean secure) {
    return cookie(name, "", path, secure, 0);
  }

  private static NewCookie cookie(String name, String value, String path, boolean secure, int maxAge) {
    return new NewCookie.Builder(name).value(value).path(path).httpOnly(true).secure(secure)
        .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
  }
}
