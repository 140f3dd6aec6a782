package dev.vigil.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop HTTP load as wrk makes it: each client holds one keep-alive connection and sends
 * the same pre-rendered request as soon as the last answer arrived. The load generator shares
 * the machine's cores with the server, so it should cost as little as it can: this client only
 * writes bytes and reads the answer's status, headers and body (the JDK's HttpClient, used
 * before, builds a request object, a future and a body handler per request). HTTP/1.1 answers with Content-Length only (the service's JSON
 * answers have one). Stateless.
 */
final class RequestLoad {

  /** Requests/s over the run, and latency percentiles in ms. */
  record Result(double perSecond, double p50Millis, double p99Millis, long requests) {}

  private RequestLoad() {}

  /** POSTs {@code body} to {@code path} from {@code clients} connections for {@code seconds}; every answer must be 200. */
  static Result post(int port, String path, String token, String body, int clients, double seconds) throws Exception {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.UTF_8);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      List<Future<long[]>> runs = new ArrayList<>();
      for (int c = 0; c < clients; c++) runs.add(pool.submit(() -> client(port, request, end)));
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> r : runs) all.add(r.get());
      double elapsed = (System.nanoTime() - start) / 1e9;
      long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      if (latencies.length == 0) throw new IllegalStateException(path + " answered nothing in " + seconds + " s");
      return new Result(latencies.length / elapsed, latencies[latencies.length / 2] / 1e6,
          latencies[(int) (latencies.length * 0.99)] / 1e6, latencies.length);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] client(int port, byte[] request, long end) throws IOException {
    long[] latencies = new long[1 << 16];
    int n = 0;
    try (Socket s = new Socket()) {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress("127.0.0.1", port));
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream(), 16_384);
      while (System.nanoTime() < end) {
        long t0 = System.nanoTime();
        out.write(request);
        out.flush();
        readAnswer(in);
        if (n == latencies.length) latencies = Arrays.copyOf(latencies, n * 2);
        latencies[n++] = System.nanoTime() - t0;
      }
    }
    return Arrays.copyOf(latencies, n);
  }

  /** Reads one answer; anything but a 200 with a Content-Length throws. */
  private static void readAnswer(InputStream in) throws IOException {
    String status = line(in);
    if (!status.startsWith("HTTP/1.1 200 ")) throw new IllegalStateException("answered: " + status);
    int length = -1;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(header.substring(colon + 1).strip());
      }
    }
    if (length < 0) throw new IllegalStateException("an answer without Content-Length");
    in.skipNBytes(length);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) throw new IOException("the server closed the connection");
      if (c != '\r') b.append((char) c);
    }
    return b.toString();
  }
}
