package dev.vigil.collectors.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** A real webhook receiver on 127.0.0.1, answering each path as a test scripts it. */
public final class Receiver implements AutoCloseable {

  /** A request as received, with when it arrived. */
  public record Request(String path, String query, Map<String, String> headers, String body, long receivedNanos) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  /** What to answer, after holding the request for {@code hold}. */
  public record Answer(int status, String body, Duration hold) {
    public static Answer of(int status) {
      return new Answer(status, "", Duration.ZERO);
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(pool);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers requests to {@code path}; the function gets the request and its 1-based number. */
  public Receiver on(String path, BiFunction<Request, Integer, Answer> answer) {
    AtomicInteger count = new AtomicInteger();
    server.createContext(path, exchange -> handle(exchange, answer, count.incrementAndGet()));
    return this;
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange, BiFunction<Request, Integer, Answer> answer, int n) throws IOException {
    long now = System.nanoTime();
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Request request = new Request(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
        headers, body, now);
    requests.add(request);
    Answer a = answer.apply(request, n);
    try {
      Thread.sleep(a.hold().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
