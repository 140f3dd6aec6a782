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
 * secret (a new token, a leased credential) that no cache may keep. Stateless.
 */
public final class SecurityHeadersFilter implements Filter {

  static final String NOSNIFF = "nosniff";
  static final String NO_STORE = "no-store";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) response;
    http.setHeader("X-Content-Type-Options", NOSNIFF);
    http.setHeader("Cache-Control", NO_STORE);
    chain.doFilter(request, response);
  }
}
