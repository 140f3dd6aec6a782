package dev.vigil.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collectors.testing.TestDb;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Vigil server for tests, started from the shipped config.yml on ephemeral ports.
 * On H2 it uses the embedded default (a file in a temporary data dir); on PostgreSQL it
 * points VIGIL_DB_URL's setting at a fresh schema. Checkpoints are copied to a notes directory
 * in the data dir ({@link #checkpointNotes}), as a checkpoint sink would hold them elsewhere.
 */
final class VigilServer implements AutoCloseable {

  static final Path CONFIG = Path.of("..", "config.yml").toAbsolutePath().normalize();

  private final TestDb.Kind kind;
  private final Path dataDir;
  private final TestDb postgres;
  private final DropwizardTestSupport<VigilConfiguration> support;

  VigilServer(TestDb.Kind kind) throws IOException {
    this(kind, CONFIG);
  }

  /** A server on {@code config} (a variant of the shipped config.yml) with the test overrides. */
  VigilServer(TestDb.Kind kind, Path config) throws IOException {
    this.kind = kind;
    this.dataDir = Files.createTempDirectory("vigil-test-");
    this.postgres = kind == TestDb.Kind.POSTGRES ? TestDb.postgres() : null;
    List<ConfigOverride> overrides = new ArrayList<>(List.of(
        ConfigOverride.config("server.applicationConnectors[0].port", "0"),
        ConfigOverride.config("server.adminConnectors[0].port", "0"),
        ConfigOverride.config("dataDir", dataDir.toString()),
        ConfigOverride.config("demo", "false"),
        ConfigOverride.config("audit.checkpointIntervalSeconds", "1"),
        ConfigOverride.config("audit.checkpointSinks.directory", dataDir.resolve("checkpoint-notes").toString())));
    if (postgres != null) {
      overrides.add(ConfigOverride.config("database.url", postgres.url()));
      overrides.add(ConfigOverride.config("database.user", postgres.user()));
    }
    support = new DropwizardTestSupport<>(VigilApplication.class, config.toString(),
        overrides.toArray(new ConfigOverride[0]));
    try {
      support.before();
    } catch (Exception e) {
      throw new IllegalStateException("the server did not start", e);
    }
  }

  int port() {
    return support.getLocalPort();
  }

  int adminPort() {
    return support.getAdminPort();
  }

  Http http() {
    return new Http(port());
  }

  /**
   * The classes of every API resource the server registered with Jersey: those under
   * {@code /api/v1}. The dashboard's pages ({@code dev.vigil.app.web}, HTML under {@code /}) are
   * left out on purpose: they are not part of the API, its description or its fuzzing, and the
   * browser tests (DashboardBrowserTest) cover them.
   */
  List<Class<?>> resourceClasses() {
    var config = support.getEnvironment().jersey().getResourceConfig();
    List<Class<?>> classes = new ArrayList<>(config.getClasses());
    config.getInstances().forEach(i -> classes.add(i.getClass()));
    return classes.stream().filter(c -> c.isAnnotationPresent(jakarta.ws.rs.Path.class))
        .filter(c -> c.getAnnotation(jakarta.ws.rs.Path.class).value().startsWith("/api/v1"))
        .distinct().toList();
  }

  /** What a CLI command did: its exit code, stdout and stderr. */
  record CliRun(int exit, String out, String err) {}

  /**
   * Runs {@code java ... VigilApplication args} in a separate process with the environment a
   * user would set, and returns its stdout; fails when it exits non-zero.
   */
  String cli(String... args) throws Exception {
    CliRun run = run(args);
    if (run.exit() != 0) {
      throw new IllegalStateException("CLI exited " + run.exit() + ": " + run.out() + "\nstderr:\n"
          + run.err().substring(Math.max(0, run.err().length() - 4000)));
    }
    return run.out();
  }

  /** Runs a CLI command on this server's data dir and database, whatever its exit code. */
  CliRun run(String... args) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_DATA_DIR", dataDir.toString());
    if (postgres != null) {
      env.put("VIGIL_DB_URL", postgres.url());
      env.put("VIGIL_DB_USER", postgres.user());
    }
    return run(env, args);
  }

  /** Runs {@code java ... VigilApplication args} in a separate process with {@code env} added (demo off). */
  static CliRun run(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), VigilApplication.class.getName()));
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile("vigil-cli", ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
    pb.environment().put("VIGIL_DEMO", "false");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("CLI did not finish: " + args[0]);
    }
    String err = Files.readString(stderr);
    Files.deleteIfExists(stderr);
    return new CliRun(p.exitValue(), out, err);
  }

  /** A new tenant made with the tenant-create command: {tenantId, adminToken}. */
  JsonNode createTenant(String name) throws Exception {
    String out = cli("tenant-create", "--name", name, CONFIG.toString()).strip();
    String[] lines = out.split("\n");
    return Http.JSON.readTree(lines[lines.length - 1]);
  }

  /** Runs one SQL update against the server's database (to break things on purpose). */
  void sql(String update) throws Exception {
    try (var c = connect(); var st = c.createStatement()) {
      st.executeUpdate(update);
    }
  }

  /** The first column of every row {@code query} returns, as text. */
  List<String> query(String query) throws Exception {
    List<String> values = new ArrayList<>();
    try (var c = connect(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
      while (rs.next()) values.add(rs.getString(1));
    }
    return values;
  }

  /** Work done straight on the database, in one transaction, as whoever holds it could. */
  interface DirectWork {
    void run(java.sql.Connection c) throws Exception;
  }

  void directly(DirectWork work) throws Exception {
    try (var c = connect()) {
      c.setAutoCommit(false);
      work.run(c);
      c.commit();
    }
  }

  /** A new connection to the server's database, for the caller to close. */
  java.sql.Connection connect() throws java.sql.SQLException {
    String url = postgres != null ? postgres.url()
        : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("vigil") + ";AUTO_SERVER=TRUE";
    return java.sql.DriverManager.getConnection(url, postgres != null ? postgres.user() : "sa", "");
  }

  Path dataDir() {
    return dataDir;
  }

  /** The checkpoint sink's notes file of {@code tenantId}: every checkpoint the server signed for it. */
  Path checkpointNotes(String tenantId) {
    return dataDir.resolve("checkpoint-notes").resolve(tenantId + ".notes");
  }

  /** Every row of every table of the server's database, as text. */
  String dumpDatabase() throws Exception {
    if (postgres != null) return dev.vigil.collectors.testing.TableDump.of(postgres);
    // The server holds the H2 file open in AUTO_SERVER mode; this JVM shares that database.
    String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("vigil") + ";AUTO_SERVER=TRUE";
    StringBuilder out = new StringBuilder();
    try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
        var rs = c.createStatement().executeQuery("SCRIPT")) {
      while (rs.next()) out.append(rs.getString(1)).append('\n');
    }
    return out.toString();
  }

  TestDb.Kind kind() {
    return kind;
  }

  @Override
  public void close() {
    support.after();
    if (postgres != null) postgres.close();
    dev.vigil.collectors.testing.TempDirs.delete(dataDir);
  }
}
