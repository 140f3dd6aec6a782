package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A user made by {@link ApiFixture#user}, signed in to a test server's dashboard, reading pages over plain HTTP. */
record DashboardSession(VigilServer server, String cookie) {

  static DashboardSession signIn(VigilServer server, String email) throws Exception {
    // The form's CSRF field must equal the sign-in cookie, which the sign-in page would have set.
    String csrf = "csrf-of-this-test";
    String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(ApiFixture.PASSWORD, StandardCharsets.UTF_8) + "&csrf=" + csrf;
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + server.port() + "/sign-in"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "vigil_sign_in=" + csrf)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    return new DashboardSession(server, r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("vigil_session="))
        .map(c -> c.substring("vigil_session=".length(), c.indexOf(';'))).findFirst().orElseThrow());
  }

  HttpResponse<String> page(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
        .header("Cookie", "vigil_session=" + cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
