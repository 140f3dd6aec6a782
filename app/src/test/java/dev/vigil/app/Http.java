package dev.vigil.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client for the API, as a user's script would call it. */
final class Http {

  /** A reply: status, raw body and the body as JSON (missing when it is not JSON). */
  record Reply(int status, String text, JsonNode json, String contentType) {
    JsonNode get(String field) {
      return json.path(field);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Reply get(String token, String path) {
    return send(token, "GET", path, null, null);
  }

  /** A file the API serves: its status, bytes and content type. */
  record Download(int status, byte[] body, String contentType) {}

  Download download(String token, String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Download(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply post(String token, String path, String json) {
    return send(token, "POST", path, json, "application/json");
  }

  Reply patch(String token, String path, String json) {
    return send(token, "PATCH", path, json, "application/json");
  }

  Reply delete(String token, String path) {
    return send(token, "DELETE", path, null, null);
  }

  /**
   * Sends only the headers of a POST that declares {@code contentLength} bytes, and returns
   * the status line of the answer: a server that checks Content-Length answers before the body.
   */
  String declareOversize(String token, String path, long contentLength) throws IOException {
    URI uri = URI.create(base + path);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      String head = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
          + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + contentLength + "\r\n\r\n{\"name\":\"";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
    }
  }

  /** Sends {@code request} as it is, on a socket of its own, and returns the whole raw response. */
  String raw(String request) throws IOException {
    URI uri = URI.create(base);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * A POST that declares {@code contentLength} bytes but sends only {@code partOfBody} (ASCII)
   * and then closes its side, as a client that dies mid-request does; returns the whole answer.
   */
  Reply sendTruncated(String token, String path, String partOfBody, int contentLength) throws IOException {
    URI uri = URI.create(base + path);
    return rawReply(raw("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
        + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
        + "Content-Length: " + contentLength + "\r\n\r\n" + partOfBody));
  }

  /** An HTTP/1.1 answer read off a socket: status line, headers, and a plain or chunked body. */
  private static Reply rawReply(String answer) throws IOException {
    int end = answer.indexOf("\r\n\r\n");
    if (end < 0) throw new IOException("no complete answer: " + answer);
    String[] head = answer.substring(0, end).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    String contentType = "";
    boolean chunked = false;
    for (int i = 1; i < head.length; i++) {
      String[] header = head[i].split(":", 2);
      String name = header[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (name.equals("content-type")) contentType = header[1].trim();
      if (name.equals("transfer-encoding") && header[1].trim().equalsIgnoreCase("chunked")) chunked = true;
    }
    String body = answer.substring(end + 4);
    if (chunked) {
      // ASCII JSON error bodies only, so characters and bytes count alike here.
      StringBuilder out = new StringBuilder();
      int at = 0;
      while (true) {
        int eol = body.indexOf("\r\n", at);
        int size = Integer.parseInt(body.substring(at, eol).split(";")[0].trim(), 16);
        if (size == 0) break;
        out.append(body, eol + 2, eol + 2 + size);
        at = eol + 2 + size + 2;
      }
      body = out.toString();
    }
    JsonNode json;
    try {
      json = body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
    } catch (IOException notJson) {
      json = MissingNode.getInstance();
    }
    return new Reply(status, body, json, contentType);
  }

  /** Sends {@code body} chunked, with no Content-Length, so only reading it can find its size. */
  Reply sendChunked(String token, String path, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
        .header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    return exchange(b);
  }

  Reply send(String token, String method, String path, String body, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (contentType != null) b.header("Content-Type", contentType);
    return exchange(b);
  }

  /** Sends {@code body} as bytes (null: none) with the given Content-Type and Accept (null: none). */
  Reply send(String token, String method, String path, byte[] body, String contentType, String accept) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (contentType != null) b.header("Content-Type", contentType);
    if (accept != null) b.header("Accept", accept);
    return exchange(b);
  }

  private Reply exchange(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = r.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(r.body());
      } catch (IOException notJson) {
        json = MissingNode.getInstance();
      }
      return new Reply(r.statusCode(), r.body(), json,
          r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
