package dev.vigil.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person's browser on the dashboard, as far as the page bench needs one: it signs in through
 * the sign-in form as a browser does (the form's CSRF token from its cookie and hidden field,
 * then the session cookie the sign-in sets) and fetches pages whole with that session.
 * Thread-safe once signed in.
 */
final class SignedInBrowser {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;
  private final String session;

  private SignedInBrowser(String base, String session) {
    this.base = base;
    this.session = session;
  }

  /** Signs in with {@code email} and {@code password}; throws unless the form sets a session. */
  static SignedInBrowser signIn(int port, String email, String password) throws Exception {
    String base = "http://127.0.0.1:" + port;
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher token = CSRF.matcher(form.body());
    String cookie = cookie(form, "vigil_sign_in")
        .orElseThrow(() -> new IllegalStateException("the sign-in form set no vigil_sign_in cookie"));
    if (form.statusCode() != 200 || !token.find()) throw new IllegalStateException("no sign-in form: " + form.statusCode());
    String body = "email=" + enc(email) + "&password=" + enc(password) + "&csrf=" + enc(token.group(1));
    HttpResponse<String> signed = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(
        HttpRequest.newBuilder(URI.create(base + "/sign-in")).header("Cookie", "vigil_sign_in=" + cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    String session = cookie(signed, "vigil_session").filter(v -> !v.isEmpty()).orElseThrow(() ->
        new IllegalStateException("signing in as " + email + " answered " + signed.statusCode() + " with no session"));
    return new SignedInBrowser(base, session);
  }

  /** A page, whole, as its status and body. */
  record Fetched(int status, String body) {}

  Fetched get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Cookie", "vigil_session=" + session).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
    return new Fetched(r.statusCode(), r.body());
  }

  private static Optional<String> cookie(HttpResponse<?> r, String name) {
    List<String> set = r.headers().allValues("Set-Cookie");
    return set.stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .map(c -> c.substring(name.length() + 1).split(";", 2)[0]);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
