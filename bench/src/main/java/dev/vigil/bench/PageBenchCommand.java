package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.db.Migrations;
import dev.vigil.collectors.tenancy.PasswordHasher;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.Role;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code bench-pages [--estate demo|sweep] [--db h2|postgres] [--reuse] [--only PAGE] [--clients C]
 * [--requests N] [config.yml]}: the dashboard's page render times (issue 16). Builds the estate
 * (the demo, as the service seeds it on a first start; or the sweep estate of {@link Estate},
 * 20,000 agents and 2 million grants by default, with a person who can sign in), starts the
 * real service on it in a process of its own, signs in through the sign-in form as a browser
 * does, and after a warm-up of every page times each of {@link DashboardPages} (GET, the whole
 * HTML) from C concurrent signed-in clients: requests, p50, p95 and max, against the target
 * (100 ms on the demo, 300 ms on the sweep estate). Any page answering other than 200 fails the
 * bench. The estate is kept in {@code --dir} (and, on PostgreSQL, in schema
 * {@code bench_pages_<estate>}) for {@code --reuse}.
 */
public final class PageBenchCommand extends Command {

  /** The page targets of issue 16: p95 on the demo, and on the sweep estate's tenant. */
  private static final Map<String, Double> TARGET_MS = Map.of("demo", 100.0, "sweep", 300.0);
  private static final String EMAIL = "pages@bench.example";
  /** Timed requests of an action page (see {@link DashboardPages.Page#action}). */
  private static final int ACTION_REQUESTS = 4;
  private static final Pattern DEMO_TOKEN = Pattern.compile("^\\s+(vgl_\\S+)\\s*$", Pattern.MULTILINE);
  private static final Pattern DEMO_PASSWORD = Pattern.compile("sign in as (\\S+), password: (\\S+)");

  public PageBenchCommand() {
    super("bench-pages", "Benchmarks the dashboard's page render times on the demo or the sweep estate");
  }

  @Override
  public void configure(Subparser p) {
    p.addArgument("config").nargs("?").setDefault("config.yml").help("the configuration the server runs with");
    p.addArgument("--estate").choices("demo", "sweep").setDefault("demo")
        .help("the demo tenant, or the sweep estate's tenant (default demo)");
    p.addArgument("--db").choices("h2", "postgres").setDefault("h2").help("database kind (default h2)");
    p.addArgument("--pg-url").setDefault("jdbc:postgresql://127.0.0.1:5432/test").help("PostgreSQL for --db postgres");
    p.addArgument("--pg-user").setDefault("postgres");
    p.addArgument("--reuse").action(Arguments.storeTrue())
        .help("reuse the estate a previous run built with the same plan, in --dir (and schema bench_pages_ESTATE)");
    p.addArgument("--dir").help("where the estate's data dir, master key and sign-in are kept "
        + "(default: vigil-bench-pages-ESTATE-DB in the temp dir)");
    p.addArgument("--only").help("time this page alone (its name as the report prints it, e.g. overview)");
    p.addArgument("--clients").type(Integer.class).setDefault(4).help("concurrent signed-in clients (default 4)");
    p.addArgument("--requests").type(Integer.class).setDefault(100).help("timed requests per page (default 100)");
    p.addArgument("--warm-up").type(Integer.class).setDefault(30).help("untimed requests per page first (default 30)");
    p.addArgument("--sweep-agents").type(Integer.class).setDefault(20_000).help("agents of the sweep estate");
    p.addArgument("--sweep-grants").type(Integer.class).setDefault(2_000_000).help("grants of the sweep estate");
    p.addArgument("--sweep-events").type(Long.class).setDefault(20_000_000L)
        .help("reported actions of the sweep estate (default 20,000,000)");
    p.addArgument("--server-jvm").setDefault("").help("extra JVM options for the server process, e.g. to profile it");
  }

  /** A built estate: what built it, its tenant's id, admin token and the person who signs in. */
  private record Built(String plan, String tenant, String adminToken, String email, String password) {
    Properties properties() {
      Properties p = new Properties();
      p.setProperty("plan", plan);
      p.setProperty("tenant", tenant);
      p.setProperty("adminToken", adminToken);
      p.setProperty("email", email);
      p.setProperty("password", password);
      return p;
    }

    static Built of(Properties p) {
      return new Built(p.getProperty("plan"), p.getProperty("tenant"), p.getProperty("adminToken"),
          p.getProperty("email"), p.getProperty("password"));
    }
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
    String estate = ns.getString("estate");
    boolean pg = ns.getString("db").equals("postgres");
    if (ns.getInt("clients") < 1 || ns.getInt("requests") < 1) throw new IllegalArgumentException("--clients and --requests must be at least 1");
    Path dir = Path.of(Optional.ofNullable(ns.getString("dir")).orElse(Path.of(System.getProperty("java.io.tmpdir"),
        "vigil-bench-pages-" + estate + "-" + ns.getString("db")).toString()));
    String schema = "bench_pages_" + estate;
    String pgUrl = ns.getString("pg_url");
    String user = ns.getString("pg_user");
    String schemaUrl = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    Estate.Size size = new Estate.Size(ns.getInt("sweep_agents"), ns.getInt("sweep_grants"), ns.getLong("sweep_events"));
    String plan = estate.equals("demo") ? "demo" : "sweep agents=" + size.agents() + " grants=" + size.grants()
        + " events=" + size.events();

    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_DATA_DIR", dir.resolve("data").toString());
    if (pg) {
      env.put("VIGIL_DB_URL", schemaUrl);
      env.put("VIGIL_DB_USER", user);
      env.put("VIGIL_DB_PASSWORD", "");
    }
    int port = ServiceProcess.freePort();
    env.put("VIGIL_HTTP_PORT", Integer.toString(port));
    env.put("VIGIL_ADMIN_PORT", Integer.toString(ServiceProcess.freePort()));
    env.put("VIGIL_DEMO", Boolean.toString(estate.equals("demo")));
    // The sweep estate's sweeps take a while; one at start, then hourly, so none competes with
    // the timing unannounced (the report counts the runs made while it timed).
    if (estate.equals("sweep")) env.put("VIGIL_SCHEDULE_SECONDS", "3600");

    Optional<Built> kept = ns.getBoolean("reuse") ? kept(dir, pg, pgUrl, user, schema).filter(b -> b.plan().equals(plan))
        : Optional.empty();
    boolean fresh = kept.isEmpty();
    if (fresh) {
      ServiceProcess.deleteTree(dir);
      Files.createDirectories(dir.resolve("data"));
      if (pg) {
        try (Connection c = DriverManager.getConnection(pgUrl, user, ""); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          s.execute("CREATE SCHEMA " + schema);
        }
      }
      if (estate.equals("sweep")) {
        String url = pg ? schemaUrl : h2Url(dir);
        kept = Optional.of(buildSweep(url, pg ? user : "sa", dir, size, plan, pg ? schema : dir.toString()));
        save(dir, kept.get());
      }
    } else {
      System.out.printf("Vigil page bench: reusing the %s estate in %s%s%n", plan, dir, pg ? " and schema " + schema : "");
    }

    String config = ns.getString("config");
    Instant startedAt = Instant.now();
    System.out.printf("  starting the service on %s (%s) ...%n", pg ? "PostgreSQL" : "H2", dir);
    Process server = ServiceProcess.start(env, config, port, dir, ns.getString("server_jvm"));
    try {
      Built built;
      if (kept.isPresent()) {
        built = kept.get();
      } else {
        built = demoSignIn(dir, plan);
      }
      save(dir, built);
      ApiClient api = new ApiClient(port, built.adminToken());
      // The first sweep (least privilege first) begins 10 s after a fresh start.
      if (fresh) awaitRun(api, "AC-1", startedAt, Duration.ofMinutes(30));
      awaitQuiet(server, Duration.ofMinutes(30));
      // A family whose first sweep fell while the others' held the threads misfires to its next
      // hour: those controls are run now, so that every control page has a run to show.
      for (JsonNode control : api.get("/api/v1/controls").get("items")) {
        if (control.get("status").asText().equals("not_run")) {
          api.send("/api/v1/controls/" + control.get("id").asText() + "/run", null, 200);
        }
      }
      if (api.get("/api/v1/incidents?limit=1").get("items").isEmpty()) incident(api);
      awaitQuiet(server, Duration.ofMinutes(30));
      System.out.printf("  the service is up and quiet %.0f s after its start%n",
          Duration.between(startedAt, Instant.now()).toMillis() / 1e3);
      DashboardPages pages = DashboardPages.of(api).only(ns.getString("only"));
      List<SignedInBrowser> clients = new ArrayList<>();
      for (int c = 0; c < ns.getInt("clients"); c++) clients.add(SignedInBrowser.signIn(port, built.email(), built.password()));
      double target = TARGET_MS.get(estate);
      System.out.printf("Vigil page bench: %s estate on %s, %d signed-in clients, %d warm-up and %d timed requests a page,"
          + " target p95 <= %.0f ms; load average %s%n", estate, pg ? "PostgreSQL" : "H2", clients.size(),
          ns.getInt("warm_up"), ns.getInt("requests"), target, loadAverage());
      // An action (verifying the whole chain) takes seconds on a large chain: a few requests, no warm-up.
      for (DashboardPages.Page page : pages.pages()) {
        if (!page.action()) time(clients, page, ns.getInt("warm_up"));
      }
      Instant timedFrom = Instant.now();
      List<Timed> results = new ArrayList<>();
      System.out.printf("  %-34s %8s %8s %8s %8s %7s  %s%n", "page", "requests", "p50 ms", "p95 ms", "max ms", "KB", "");
      for (DashboardPages.Page page : pages.pages()) {
        Timed t = time(clients, page, page.action() ? Math.min(ACTION_REQUESTS, ns.getInt("requests")) : ns.getInt("requests"));
        results.add(t);
        System.out.printf("  %-34s %8d %8.1f %8.1f %8.1f %7.0f  %s%n", page.name(), t.requests(), t.p50(), t.p95(),
            t.max(), t.bytes() / 1024.0, page.action() ? "(an action over the whole chain: no page target)"
                : t.p95() <= target ? "met" : "MISSED");
      }
      long runsMeanwhile = api.get("/api/v1/controls/AC-1/runs?from=" + timedFrom + "&limit=100").get("items").size();
      List<Timed> held = results.stream().filter(t -> !t.page().action()).toList();
      long missed = held.stream().filter(t -> t.p95() > target).count();
      Timed worst = held.stream().max((a, b) -> Double.compare(a.p95(), b.p95())).orElseThrow();
      System.out.printf("  load average after: %s; AC-1 runs during the timing: %d%n", loadAverage(), runsMeanwhile);
      System.out.printf("Summary: %s estate on %s: %d of %d pages within p95 <= %.0f ms; slowest %s at p95 %.1f ms%n",
          estate, pg ? "PostgreSQL" : "H2", held.size() - missed, held.size(), target, worst.page().name(), worst.p95());
      List<String> failed = results.stream().filter(t -> !t.failures().isEmpty())
          .map(t -> t.page().name() + " " + t.page().path() + ": " + t.failures()).toList();
      if (!failed.isEmpty()) throw new IllegalStateException("pages that did not answer 200: " + failed);
    } finally {
      ServiceProcess.stop(server);
    }
    System.out.printf("  the estate is kept in %s%s (--reuse runs on it again)%n", dir, pg ? " and schema " + schema : "");
  }

  /** One page's timing: its latencies' p50, p95 and max in ms, the mean size, and any answer other than 200. */
  private record Timed(DashboardPages.Page page, int requests, double p50, double p95, double max, double bytes,
      List<String> failures) {}

  /** Requests {@code page} {@code n} times, the clients each taking the next request as they finish one. */
  private static Timed time(List<SignedInBrowser> clients, DashboardPages.Page page, int n) throws Exception {
    AtomicInteger next = new AtomicInteger();
    double[] ms = new double[n];
    long[] bytes = new long[n];
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (SignedInBrowser client : clients) {
        done.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            long t0 = System.nanoTime();
            SignedInBrowser.Fetched f = client.get(page.path());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            bytes[i] = f.body().length();
            if (f.status() != 200 && failures.size() < 3) failures.add(Integer.toString(f.status()));
          }
          return null;
        }));
      }
      for (Future<?> d : done) d.get();
    } finally {
      pool.shutdown();
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    return new Timed(page, n, sorted[(int) Math.ceil(0.50 * n) - 1], sorted[(int) Math.ceil(0.95 * n) - 1],
        sorted[n - 1], Arrays.stream(bytes).average().orElse(0), List.copyOf(failures));
  }

  /**
   * The sweep estate: the schema migrated, a master key, a tenant filled by {@link Estate}, and a
   * compliance officer who can sign in. Its controls first run when the service starts.
   */
  private static Built buildSweep(String url, String user, Path dir, Estate.Size size, String plan, String where)
      throws Exception {
    Jdbi jdbi;
    if (url.startsWith("jdbc:postgresql")) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(url);
      ds.setUser(user);
      ds.setReWriteBatchedInserts(true);
      Migrations.apply(ds);
      jdbi = Jdbis.configure(Jdbi.create(ds));
    } else {
      org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
      ds.setURL(url);
      ds.setUser(user);
      Migrations.apply(ds);
      jdbi = Jdbis.configure(Jdbi.create(ds));
    }
    // Where the service looks for its key when none is configured: its data dir.
    MasterKey master = MasterKey.generate(dir.resolve("data").resolve("master-key.json"));
    Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    TenantStore.Created created = Estate.createTenantWithToken(jdbi, "Sweep estate", clock, Estate.history());
    String tenant = created.tenant().id();
    String password = "bench pages " + java.util.UUID.randomUUID();
    // Created, as the tenant was, before the estate's history: entry times never go back along a chain.
    Clock then = Clock.offset(clock, Estate.history().negated());
    new UserStore(jdbi, new AuditAppender(then), new Ids(then), new PasswordHasher(), then)
        .create(tenant, new Actor("token", created.adminToken().token().id()), EMAIL, "Page Bench", Role.COMPLIANCE, password);
    System.out.printf("Vigil page bench: filling the sweep estate (%,d agents, %,d grants, %,d reported actions) in %s ...%n",
        size.agents(), size.grants(), size.events(), where);
    long t0 = System.nanoTime();
    new Estate(new SweepTenant(jdbi, master, tenant, clock)).fill(size);
    System.out.printf("  filled in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    return new Built(plan, tenant, created.adminToken().secret(), EMAIL, password);
  }

  /** The demo's admin token and its admin's password, as the service printed them on its first start. */
  private static Built demoSignIn(Path dir, String plan) throws Exception {
    for (int i = 0; i < 3000; i++) {
      String log = Files.readString(ServiceProcess.log(dir));
      Matcher token = DEMO_TOKEN.matcher(log);
      Matcher person = DEMO_PASSWORD.matcher(log);
      if (token.find() && person.find()) return new Built(plan, "", token.group(1), person.group(1), person.group(2));
      Thread.sleep(100);
    }
    throw new IllegalStateException("the demo printed no token and password; see " + ServiceProcess.log(dir));
  }

  /** An incident, so that the incident pages have one to show: the sweep estate has none of its own. */
  private static void incident(ApiClient api) throws Exception {
    api.send("/api/v1/incidents", "{\"title\":\"Leaked connector token\",\"severity\":\"sev2\",\"detectedAt\":\""
        + Instant.now().minus(Duration.ofHours(5)) + "\",\"affectsCustomerData\":false}", 201);
  }

  /** Waits until {@code control} has a run started after {@code since}. */
  private static void awaitRun(ApiClient api, String control, Instant since, Duration within) throws Exception {
    Instant until = Instant.now().plus(within);
    while (api.get("/api/v1/controls/" + control + "/runs?from=" + since + "&limit=1").get("items").isEmpty()) {
      if (Instant.now().isAfter(until)) throw new IllegalStateException("no run of " + control + " within " + within);
      Thread.sleep(1000);
    }
  }

  /**
   * Waits until the server has used under a tenth of a core over 5 s: its first sweep, the
   * evidence index's catching up with the chain and its start's JIT work done.
   */
  private static void awaitQuiet(Process server, Duration within) throws Exception {
    Instant until = Instant.now().plus(within);
    long window = 5_000;
    long before = ServiceProcess.cpuNanos(server);
    while (Instant.now().isBefore(until)) {
      Thread.sleep(window);
      long after = ServiceProcess.cpuNanos(server);
      if ((after - before) / 1e6 < window * 0.1) return;
      before = after;
    }
    throw new IllegalStateException("the server was still busy after " + within);
  }

  private static String h2Url(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("data").toAbsolutePath().resolve("vigil") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
  }

  private static Optional<Built> kept(Path dir, boolean pg, String pgUrl, String user, String schema) throws Exception {
    Path file = dir.resolve("estate.properties");
    if (!Files.exists(file)) return Optional.empty();
    if (pg) {
      try (Connection c = DriverManager.getConnection(pgUrl, user, "");
          ResultSet r = c.getMetaData().getSchemas(null, schema)) {
        if (!r.next()) return Optional.empty();
      }
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    return Optional.of(Built.of(p));
  }

  private static void save(Path dir, Built built) throws Exception {
    try (Writer out = Files.newBufferedWriter(dir.resolve("estate.properties"))) {
      built.properties().store(out, "the page bench's estate: who signs in (bench data only)");
    }
  }

  private static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
