package dev.vigil.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Vigil server in its own process, started as a user would, that a test can kill -9. */
final class ServerProcess implements AutoCloseable {

  private final Map<String, String> env;
  private final Path log;
  private Process process;
  final int port;

  ServerProcess(Map<String, String> env) throws IOException {
    this.port = freePort();
    this.env = new HashMap<>(env);
    this.env.put("VIGIL_HTTP_PORT", Integer.toString(port));
    this.env.put("VIGIL_ADMIN_PORT", Integer.toString(freePort()));
    this.env.put("VIGIL_DEMO", "false");
    this.log = Files.createTempFile("vigil-server", ".log");
  }

  /** Seeds the demo on the first start, as a user's first {@code server} does (call before {@link #start}). */
  ServerProcess withDemo() {
    env.put("VIGIL_DEMO", "true");
    return this;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private List<String> java(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), VigilApplication.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /** Starts the server and waits until it answers. */
  void start() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(java("server", VigilServer.CONFIG.toString()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    process = pb.start();
    Http http = new Http(port);
    for (int i = 0; i < 600; i++) {
      if (!process.isAlive()) throw new IllegalStateException("the server exited:\n" + Files.readString(log));
      try {
        if (http.get(null, "/api/v1/agents").status() == 401) return;
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the server did not start:\n" + Files.readString(log));
  }

  /** The name the server gives itself as a node of a cluster ({@code pid@host}) starts with this. */
  String nodePrefix() {
    return process.pid() + "@";
  }

  /** What the server wrote to stdout and stderr so far. */
  String output() throws IOException {
    return Files.readString(log);
  }

  /** SIGKILL: no shutdown hooks, no flushing, as a crash would be. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Runs a CLI command with the server's environment and returns its stdout. */
  String cli(String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(java(args)).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("CLI failed: " + out);
    return out;
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }
    Files.deleteIfExists(log);
  }
}
