package dev.vigil.bench;

import dev.vigil.app.VigilApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service in a process of its own, started from the bench jar's class path (which carries
 * it), as the bench commands measure it: a server, or one of its commands. Stateless.
 */
final class ServiceProcess {

  private ServiceProcess() {}

  /**
   * Starts {@code server config} with {@code env} and extra JVM options {@code jvm}, its output in
   * {@code dataDir/server.log}, and waits until its API answers on {@code port}.
   */
  static Process start(Map<String, String> env, String config, int port, Path dataDir, String jvm) throws Exception {
    List<String> command = java("server", config);
    if (!jvm.isBlank()) command.addAll(1, List.of(jvm.strip().split("\\s+")));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log(dataDir).toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    // A first start may migrate a large schema or replay the demo's history before it listens.
    for (int i = 0; i < 6000; i++) {
      if (!p.isAlive()) throw new IllegalStateException("the server exited; see " + log(dataDir));
      try {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/agents")).build(),
            HttpResponse.BodyHandlers.discarding());
        return p;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("the server did not start; see " + log(dataDir));
  }

  /** Where {@link #start} writes the server's output. */
  static Path log(Path dataDir) {
    return dataDir.resolve("server.log");
  }

  /** Stops a server started by {@link #start}, waiting for it to shut down cleanly. */
  static void stop(Process server) throws InterruptedException {
    server.destroy();
    if (!server.waitFor(60, TimeUnit.SECONDS)) server.destroyForcibly();
  }

  /** Runs one of the service's commands with {@code env}; returns its standard output. */
  static String run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(java(args)).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(args[0] + " failed");
    return out;
  }

  /** CPU time the process has used, all its threads (the JIT and GC threads too). */
  static long cpuNanos(Process p) {
    return p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
  }

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-cp", System.getProperty("java.class.path"), VigilApplication.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
