package dev.vigil.app.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every response carries, set before anything answers: {@code X-Content-Type-Options:
 * nosniff}, so a browser never reads a JSON error or a download as something else, and
 * {@code Cache-Control: no-store}, since every answer is one caller's data and some carry a
 * secret (a new token, a leased credential) that no cache may keep. For the dashboard's pages
 * (and harmlessly for JSON): a Content-Security-Policy that allows scripts, styles and images
 * from this origin only (no inline script, no inline style, no other site), no framing
 * ({@code X-Frame-Options: DENY} and {@code frame-ancestors 'none'}), forms posted only here,
 * and no referrer sent. Stateless.
 */
public final class SecurityHeadersFilter implements Filter {

  static final String NOSNIFF = "nosniff";
  static final String NO_STORE = "no-store";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) response;
    http.setHeader("X-Content-Type-Options", NOSNIFF);
    http.setHeader("Cache-Control", NO_STORE);
    http.setHeader("Content-Security-Policy", CSP);
    http.setHeader("X-Frame-Options", "DENY");
    http.setHeader("Referrer-Policy", "no-referrer");
    chain.doFilter(request, response);
  }
}
