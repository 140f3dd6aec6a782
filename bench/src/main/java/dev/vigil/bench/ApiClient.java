package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A minimal JSON client of the service's API for one bearer token. Thread-safe. */
final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String token;

  ApiClient(int port, String token) {
    this.port = port;
    this.token = token;
  }

  JsonNode post(String path, String body) throws Exception {
    return JSON.readTree(send(path, body, -1));
  }

  JsonNode get(String path) throws Exception {
    return JSON.readTree(send(path, null, 200, "GET"));
  }

  String send(String path, String body, int expected) throws Exception {
    return send(path, body, expected, "POST");
  }

  /** Sends one request; any answer but {@code expected} (when positive) throws, naming the path. */
  String send(String path, String body, int expected, String method) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (expected > 0 && r.statusCode() != expected) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
