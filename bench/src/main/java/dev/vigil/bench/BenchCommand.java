package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.monitoring.ControlScheduler;
import dev.vigil.controls.audit.AuditChain;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code bench [--db h2|postgres] [--nodes 1|2] [--events N] [--clients C] [--authorize-clients A] [--authorize-warmup W]
 * [--tenants T] [--seconds S] [config.yml]}: starts a real server in its own process on a fresh database, then measures
 *
 * <ol>
 *   <li>HTTP ingest of hash-chained events (1000-event batches from C clients, spread over T
 *       tenants), events/s, and the server's CPU time per event; with {@code --nodes 2}
 *       (PostgreSQL) a second server on the same database and master key, and the same ingest
 *       with the clients split between the two nodes, against the one node in the same run;
 *   <li>{@code POST /authorize} with its audit append, decisions/s with p50 and p99 latency,
 *       from {@code --authorize-clients} clients (default: C);
 *   <li>decisions without HTTP ({@link InProcessDecisions}): the decision alone from the
 *       in-memory view (p50, p99 in µs), then recorded through a group commit of the bench's own
 *       from as many threads (decisions/s, p50, p99);
 *   <li>the time from granting a wildcard scope through the API to AC-1 reading failing, with
 *       nobody calling /run (p50, p95, max over {@code --latency-rounds});
 *   <li>after stopping the server, a raw single-threaded JDBC batch insert of the same number
 *       of rows into the same table of the same database: the baseline the ingest rate is
 *       reported against;
 *   <li>a full sweep of all 18 controls over a tenant filled by {@link Estate} with
 *       {@code --sweep-agents}, {@code --sweep-grants} and {@code --sweep-events} (20,000,
 *       2,000,000 and 20,000,000 by default; 0 events skips it), family by family.
 * </ol>
 *
 * Each phase runs after a warm-up (20,000 requests of 10 events, then eight rounds of 200,000
 * events; decisions until their rate stops rising) so the JIT has compiled the request paths.
 * Decisions are asked as wrk asks them ({@link RequestLoad}). Every figure comes from
 * the same run on the same machine; the ratio is what to compare. The server's CPU time per
 * ingested event (all its threads) shows how much of the two cores the data plane needs.
 */
public final class BenchCommand extends Command {

  private static final ObjectMapper JSON = new ObjectMapper();

  public BenchCommand() {
    super("bench", "Benchmarks ingest and authorization against a raw JDBC baseline");
  }

  @Override
  public void configure(Subparser p) {
    p.addArgument("config").nargs("?").setDefault("config.yml").help("the configuration the server runs with");
    p.addArgument("--db").choices("h2", "postgres").setDefault("h2").help("database kind (default h2)");
    p.addArgument("--pg-url").setDefault("jdbc:postgresql://127.0.0.1:5432/test").help("PostgreSQL for --db postgres");
    p.addArgument("--pg-user").setDefault("postgres");
    p.addArgument("--pg-password").setDefault("");
    p.addArgument("--nodes").type(Integer.class).choices(1, 2).setDefault(1)
        .help("servers on the one database; 2 (PostgreSQL) also times ingest through both (default 1)");
    p.addArgument("--events").type(Integer.class).setDefault(600_000).help("events to ingest, timed (default 600000)");
    p.addArgument("--rounds").type(Integer.class).setDefault(3)
        .help("timed ingest rounds and raw-insert rounds; the median of each is reported (default 3)");
    p.addArgument("--clients").type(Integer.class).setDefault(4).help("concurrent HTTP clients (default 4)");
    p.addArgument("--tenants").type(Integer.class).setDefault(1)
        .help("tenants the ingest load is spread over, each its own chain (default 1)");
    p.addArgument("--seconds").type(Integer.class).setDefault(10).help("seconds of /authorize load (default 10)");
    p.addArgument("--authorize-clients").type(Integer.class).setDefault(0)
        .help("concurrent clients of the /authorize and in-process decision phases (default: --clients)");
    p.addArgument("--authorize-warmup").type(Integer.class).setDefault(300)
        .help("most seconds of /authorize before the timed load, in 10 s windows until one is no faster (default 300)");
    p.addArgument("--latency-rounds").type(Integer.class).setDefault(20)
        .help("wildcard grants whose time to AC-1 failing is measured (default 20)");
    p.addArgument("--sweep-agents").type(Integer.class).setDefault(20_000).help("agents of the sweep estate");
    p.addArgument("--sweep-grants").type(Integer.class).setDefault(2_000_000).help("grants of the sweep estate");
    p.addArgument("--sweep-events").type(Long.class).setDefault(20_000_000L)
        .help("reported actions of the sweep estate (0 skips the full-sweep benchmark)");
    p.addArgument("--server-jvm").setDefault("").help("extra JVM options for the server process, e.g. to profile it");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
    if (ns.getInt("rounds") < 1) throw new IllegalArgumentException("--rounds must be at least 1");
    boolean pg = ns.getString("db").equals("postgres");
    int nodes = ns.getInt("nodes");
    if (nodes == 2 && !pg) throw new IllegalArgumentException("--nodes 2 needs --db postgres (H2 is one process's)");
    int events = ns.getInt("events");
    int clients = ns.getInt("clients");
    int deciders = ns.getInt("authorize_clients") > 0 ? ns.getInt("authorize_clients") : clients;
    Map<String, String> env = new HashMap<>();
    Path dataDir = Files.createTempDirectory("vigil-bench");
    env.put("VIGIL_DATA_DIR", dataDir.toString());
    env.put("VIGIL_DEMO", "false");
    // The data plane is measured on its own: the first scheduled sweep runs before the timed
    // phases (see awaitFirstSweep), the next an hour later. Change-triggered runs stay on.
    env.put("VIGIL_SCHEDULE_SECONDS", "3600");
    // The bench waits for that first sweep, so its servers sweep whatever the caller's environment says.
    env.put("VIGIL_CONTROL_SWEEPS", "true");
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url;
    String user;
    String password;
    if (pg) {
      user = ns.getString("pg_user");
      password = ns.getString("pg_password");
      try (Connection c = DriverManager.getConnection(ns.getString("pg_url"), user, password);
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      url = ns.getString("pg_url") + (ns.getString("pg_url").contains("?") ? "&" : "?") + "currentSchema=" + schema;
      env.put("VIGIL_DB_URL", url);
      env.put("VIGIL_DB_USER", user);
      env.put("VIGIL_DB_PASSWORD", password);
    } else {
      url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("vigil") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
      user = "sa";
      password = "";
    }
    int port = ServiceProcess.freePort();
    env.put("VIGIL_HTTP_PORT", Integer.toString(port));
    env.put("VIGIL_ADMIN_PORT", Integer.toString(ServiceProcess.freePort()));
    String config = ns.getString("config");
    System.out.printf("Vigil bench: %s, %d events in 1000-event batches from %d clients to %d tenant(s), "
        + "%d s of /authorize%n", pg ? "PostgreSQL" : "H2", events, clients, ns.getInt("tenants"), ns.getInt("seconds"));

    // The tenants exist before the server starts, so the first scheduled sweep includes them.
    List<String> adminTokens = new ArrayList<>();
    for (int t = 0; t < ns.getInt("tenants"); t++) {
      adminTokens.add(JSON.readTree(ServiceProcess.run(env, "tenant-create", "--name", "Bench " + t, config).strip())
          .get("adminToken").asText());
    }
    Process server = ServiceProcess.start(env, config, port, dataDir, ns.getString("server_jvm"));
    // The second node: same database and master key (the first node's generated one), its
    // own data dir and ports.
    Path dataDir2 = Files.createTempDirectory("vigil-bench-node2");
    Map<String, String> env2 = new HashMap<>(env);
    env2.put("VIGIL_DATA_DIR", dataDir2.toString());
    env2.put("VIGIL_MASTER_KEY_FILE", dataDir.resolve("master-key.json").toString());
    int port2 = ServiceProcess.freePort();
    env2.put("VIGIL_HTTP_PORT", Integer.toString(port2));
    env2.put("VIGIL_ADMIN_PORT", Integer.toString(ServiceProcess.freePort()));
    Process server2 = nodes == 2 ? ServiceProcess.start(env2, config, port2, dataDir2, ns.getString("server_jvm")) : null;
    List<Integer> ports = nodes == 2 ? List.of(port, port2) : List.of(port);
    int rounds = ns.getInt("rounds");
    double[] ingestRates = new double[rounds];
    double[] twoNodeRates = new double[nodes == 2 ? rounds : 0];
    double serverCpuPerEvent;
    double clientCpuPerEvent;
    RequestLoad.Result decisions;
    double[] latency;
    InProcessDecisions.Result inProcess;
    try {
      List<Fixture> tenants = new ArrayList<>();
      for (String token : adminTokens) tenants.add(Fixture.create(new ApiClient(port, token)));
      Fixture f = tenants.get(0);
      ApiClient admin = new ApiClient(port, adminTokens.get(0));
      // Each timed phase follows its own warm-up. The JIT compiles the request paths over the
      // first rounds, on two cores while they are loaded; eight rounds let it settle. Event
      // times rise from round to round, as reported actions do.
      Instant eventsFrom = f.createdAt();
      // Code that runs once a request (HTTP, routing, auth, the group commit) runs only 1,600
      // times in the rounds below, too few for the JIT's last tier: without many small
      // requests first, it was still compiling through the timed rounds, as a server that has
      // run for a while would not be (docs/benchmarks.md, session 5).
      Instant smallTo = eventsFrom.plus(Duration.between(eventsFrom, Instant.now()).dividedBy(2));
      ingest(tenants, ports, 200_000, 10, clients, eventsFrom, smallTo);
      eventsFrom = smallTo;
      List<String> warmUp = new ArrayList<>();
      for (int round = 0; round < 8; round++) {
        Instant to = Instant.now();
        warmUp.add(String.format("%,.0f", ingest(tenants, ports, 200_000, 1000, clients, eventsFrom, to)));
        eventsFrom = to;
      }
      System.out.println("  warm-up ingest rounds, events/s: " + String.join(", ", warmUp));
      for (String token : adminTokens) awaitFirstSweep(new ApiClient(port, token));
      long serverCpu = ServiceProcess.cpuNanos(server);
      long clientCpu = ownCpuNanos();
      // A shared VM's speed drifts from minute to minute: several rounds, and their median.
      for (int round = 0; round < rounds; round++) {
        Instant to = Instant.now();
        ingestRates[round] = ingest(tenants, List.of(port), events, 1000, clients, eventsFrom, to);
        eventsFrom = to;
      }
      for (int round = 0; round < twoNodeRates.length; round++) {
        Instant to = Instant.now();
        twoNodeRates[round] = ingest(tenants, ports, events, 1000, clients, eventsFrom, to);
        eventsFrom = to;
      }
      serverCpuPerEvent = (ServiceProcess.cpuNanos(server) - serverCpu) / 1e3 / events / rounds;
      clientCpuPerEvent = (ownCpuNanos() - clientCpu) / 1e3 / events / rounds;
      warmUpDecisions(f, port, deciders, ns.getInt("authorize_warmup"));
      decisions = authorize(f, port, deciders, ns.getInt("seconds"));
      inProcess = InProcessDecisions.run(url, user, password, MasterKey.load(dataDir.resolve("master-key.json")),
          f.agentToken(), f.agent(), f.connection(), deciders, ns.getInt("seconds"));
      latency = grantToFailing(admin, f, ns.getInt("latency_rounds"));
    } finally {
      for (Process p : server2 == null ? List.of(server) : List.of(server, server2)) {
        p.destroy();
        p.waitFor(60, TimeUnit.SECONDS);
      }
      ServiceProcess.deleteTree(dataDir2);
    }
    double[] rawRates = new double[rounds];
    for (int round = 0; round < rounds; round++) rawRates[round] = rawInsert(url, user, password, events, round);
    double ingestRate = median(ingestRates);
    double rawRate = median(rawRates);
    Estate.Size size = new Estate.Size(ns.getInt("sweep_agents"), ns.getInt("sweep_grants"),
        ns.getLong("sweep_events"));
    double fillSeconds = 0;
    List<SweepBench.FamilyTime> sweep = List.of();
    List<SweepBench.QueryTimes> queries = List.of();
    SweepBench.Detection detection = null;
    List<SweepBench.FamilyTime> steady = List.of();
    SweepBench.Concurrent concurrent = null;
    double rollupSeconds = 0;
    if (size.events() > 0) {
      Jdbi jdbi = Jdbis.configure(Jdbi.create(url, user, password));
      Clock clock = Clock.tickMillis(ZoneOffset.UTC);
      SweepTenant tenant = new SweepTenant(jdbi, MasterKey.load(dataDir.resolve("master-key.json")),
          Estate.createTenant(jdbi, "Sweep", clock), clock);
      System.out.printf("Filling the sweep estate: %,d agents, %,d grants, %,d reported actions ...%n",
          size.agents(), size.grants(), size.events());
      long fillStart = System.nanoTime();
      Instant filledTo = clock.instant();
      Estate estate = new Estate(tenant);
      estate.fill(size);
      fillSeconds = (System.nanoTime() - fillStart) / 1e9;
      System.out.printf("  filled in %.0f s; building the usage rollups ...%n", fillSeconds);
      SweepBench bench = new SweepBench(tenant);
      SweepBench.RollupTime rebuilt = bench.rebuildRollups();
      System.out.printf("  usage rollups rebuilt from %,d entries in %.1f s; timing event queries, then sweeping"
          + " every control ...%n", rebuilt.what().watermark(), rebuilt.seconds());
      queries = bench.eventQueries(size, 200);
      sweep = bench.sweep();
      print("first sweep (LG-1 verifies the whole chain), one family after another", sweep);
      detection = bench.grantToFailing(ns.getInt("latency_rounds"));
      // Steady state: an hour's more actions, reported since the fill, then a sweep as the next scheduled one.
      long hour = size.events() / Duration.ofDays(30).toHours();
      estate.more(size, hour, Duration.between(filledTo, clock.instant()));
      SweepBench.RollupTime caughtUp = bench.catchUpRollups();
      System.out.printf("  %,d more actions; rollups caught up in %.2f s (%,d entries, %d batches)%n", hour,
          caughtUp.seconds(), caughtUp.what().folded(), caughtUp.what().batches());
      steady = bench.sweep();
      print("steady-state sweep, one family after another", steady);
      concurrent = bench.concurrentSweep();
      print("steady-state sweep, " + ControlScheduler.THREADS + " families at a time (wall " + String.format("%.1f s",
          concurrent.wallSeconds()) + ")", concurrent.families());
      rollupSeconds = rebuilt.seconds();
      SweepBench.UsageCheck check = bench.checkUsage();
      System.out.printf("  AC-3/AC-6 facts from the rollups %.2f s, scanning the chain %.2f s (ratio %.3f); equal:"
          + " last use %s (%,d grants used), examined %s (%,d), outside groups %s (%d)%n", check.rollupSeconds(),
          check.scanSeconds(), check.rollupSeconds() / check.scanSeconds(), check.lastUseEqual(), check.grantsUsed(),
          check.examinedEqual(), check.examined(), check.outsideEqual(), check.outsideGroups());
    }
    ServiceProcess.deleteTree(dataDir);
    if (pg) {
      try (Connection c = DriverManager.getConnection(ns.getString("pg_url"), user, password);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
    System.out.println();
    System.out.printf("  ingest over HTTP (hash-chained, group commit): %,10.0f events/s (median; rounds %s)%n",
        ingestRate, rates(ingestRates));
    if (nodes == 2) {
      System.out.printf("  ingest through two nodes, clients split:       %,10.0f events/s (median; rounds %s)%n",
          median(twoNodeRates), rates(twoNodeRates));
      System.out.printf("  two nodes / one node:                           %10.2f%n",
          median(twoNodeRates) / ingestRate);
    }
    System.out.printf("  CPU per ingested event:                         server %.1f us, bench clients %.1f us%n",
        serverCpuPerEvent, clientCpuPerEvent);
    System.out.printf("  raw JDBC batch insert, same rows and table:     %,10.0f rows/s (median; rounds %s)%n",
        rawRate, rates(rawRates));
    System.out.printf("  ingest / raw:                                   %10.2f%n", ingestRate / rawRate);
    System.out.printf("  authorize with audit append:                    %,10.0f decisions/s%n", decisions.perSecond());
    System.out.printf("  authorize latency (%d clients):                 p50 %.2f ms, p99 %.2f ms%n",
        deciders, decisions.p50Millis(), decisions.p99Millis());
    System.out.printf("  decision in-process, alone (view + authorizer): p50 %.1f us, p99 %.1f us%n",
        inProcess.viewP50Us(), inProcess.viewP99Us());
    System.out.printf("  decision in-process, recorded (group commit):   %,10.0f decisions/s, p50 %.2f ms, p99 %.2f ms%n",
        inProcess.perSecond(), inProcess.p50Ms(), inProcess.p99Ms());
    System.out.printf("  wildcard grant to AC-1 failing (%d rounds):     p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
        ns.getInt("latency_rounds"), latency[0], latency[1], latency[2]);
    double sweepTotal = 0;
    for (SweepBench.FamilyTime t : sweep) {
      sweepTotal += t.seconds();
      System.out.printf("  sweep %-16s %8.1f s   %s%n", t.family().wire(), t.seconds(), t.results());
    }
    for (SweepBench.QueryTimes q : queries) {
      System.out.printf("  events of one %-10s 14:00-17:00 on a day: p50 %.1f ms, p95 %.1f ms, max %.1f ms"
          + " (%.1f rows on average, first page of 100)%n", q.kind(), q.p50(), q.p95(), q.max(), q.meanRows());
    }
    if (detection != null) {
      System.out.printf("  on the sweep estate's tenant, in-process (%d rounds): wildcard grant to its AC-1 finding"
          + " open p50 %.0f ms, p95 %.0f ms, max %.0f ms; revoked to resolved p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
          detection.failing().size(), percentile(detection.failing(), 0.5), percentile(detection.failing(), 0.95),
          percentile(detection.failing(), 1), percentile(detection.resolved(), 0.5),
          percentile(detection.resolved(), 0.95), percentile(detection.resolved(), 1));
    }
    if (!sweep.isEmpty()) {
      System.out.printf("  full sweep, all 18 controls (%,d agents, %,d grants, %,d actions): %.1f s%n",
          size.agents(), size.grants(), size.events(), sweepTotal);
      System.out.printf("  steady-state sweep: %.1f s one family after another, %.1f s wall with %d at a time;"
          + " usage rollups rebuilt in %.1f s%n", total(steady), concurrent.wallSeconds(), ControlScheduler.THREADS,
          rollupSeconds);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("db", pg ? "postgres" : "h2");
    summary.put("events", events);
    summary.put("clients", clients);
    summary.put("tenants", ns.getInt("tenants"));
    summary.put("rounds", rounds);
    summary.put("ingestEventsPerSecond", Math.round(ingestRate));
    summary.put("ingestRounds", Arrays.stream(ingestRates).mapToLong(Math::round).toArray());
    summary.put("serverCpuMicrosPerEvent", Math.round(serverCpuPerEvent * 10) / 10.0);
    if (nodes == 2) {
      summary.put("twoNodeEventsPerSecond", Math.round(median(twoNodeRates)));
      summary.put("twoNodeRounds", Arrays.stream(twoNodeRates).mapToLong(Math::round).toArray());
    }
    summary.put("rawRowsPerSecond", Math.round(rawRate));
    summary.put("rawRounds", Arrays.stream(rawRates).mapToLong(Math::round).toArray());
    summary.put("ratio", Math.round(ingestRate / rawRate * 100) / 100.0);
    summary.put("decisionsPerSecond", Math.round(decisions.perSecond()));
    summary.put("p50Ms", decisions.p50Millis());
    summary.put("p99Ms", decisions.p99Millis());
    summary.put("authorizeClients", deciders);
    summary.put("decisionAloneP99Us", inProcess.viewP99Us());
    summary.put("inProcessDecisionsPerSecond", Math.round(inProcess.perSecond()));
    summary.put("inProcessP99Ms", inProcess.p99Ms());
    summary.put("grantToFailingP95Ms", Math.round(latency[1]));
    if (detection != null) summary.put("estateGrantToFindingP95Ms", Math.round(percentile(detection.failing(), 0.95)));
    summary.put("sweepFillSeconds", Math.round(fillSeconds));
    summary.put("sweepSeconds", Math.round(sweepTotal * 10) / 10.0);
    if (concurrent != null) {
      summary.put("steadySweepSeconds", Math.round(total(steady) * 10) / 10.0);
      summary.put("steadySweepWallSeconds", Math.round(concurrent.wallSeconds() * 10) / 10.0);
      summary.put("rollupRebuildSeconds", Math.round(rollupSeconds * 10) / 10.0);
    }
    System.out.println(JSON.writeValueAsString(summary));
  }

  private static void print(String title, List<SweepBench.FamilyTime> families) {
    System.out.printf("  %s: %.1f s%n", title, total(families));
    for (SweepBench.FamilyTime t : families) {
      System.out.printf("    %-16s %8.1f s   %s%n", t.family().wire(), t.seconds(), t.results());
    }
  }

  private static double total(List<SweepBench.FamilyTime> families) {
    return families.stream().mapToDouble(SweepBench.FamilyTime::seconds).sum();
  }

  /**
   * Grants a wildcard scope through the API and polls AC-1 until it reads failing, nobody
   * calling /run; revokes it and waits for passing again. Returns p50, p95 and max in ms.
   */
  private static double[] grantToFailing(ApiClient admin, Fixture f, int rounds) throws Exception {
    awaitStatus(admin, "passing");
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      String grant = admin.post("/api/v1/agents/" + f.agent() + "/grants", "{\"connectionId\":\"" + f.connection()
          + "\",\"scopes\":[\"*\"],\"requestedBy\":\"" + f.owner() + "\",\"approvedBy\":\"" + f.owner() + "\"}")
          .get("id").asText();
      awaitStatus(admin, "failing");
      millis.add((System.nanoTime() - start) / 1e6);
      admin.send("/api/v1/agents/" + f.agent() + "/grants/" + grant, null, 204, "DELETE");
      awaitStatus(admin, "passing");
    }
    millis.sort(null);
    return new double[] {percentile(millis, 0.50), percentile(millis, 0.95), millis.get(millis.size() - 1)};
  }

  /**
   * Waits until every control has had a scheduled run (the first sweep comes soon after start,
   * the next an hour later), so no sweep competes with the timed phases.
   */
  private static void awaitFirstSweep(ApiClient admin) throws Exception {
    List<String> ids = JSON.readTree(admin.send("/api/v1/controls", null, 200, "GET")).get("items")
        .findValuesAsText("id");
    for (int i = 0; i < 1200; i++) {
      boolean swept = true;
      for (String id : ids) {
        JsonNode runs = JSON.readTree(admin.send("/api/v1/controls/" + id + "/runs", null, 200, "GET")).get("items");
        swept &= runs.findValuesAsText("trigger").contains("schedule");
      }
      if (swept) return;
      Thread.sleep(100);
    }
    throw new IllegalStateException("the first scheduled sweep did not finish within 120 s");
  }

  private static void awaitStatus(ApiClient admin, String status) throws Exception {
    for (int i = 0; i < 6000; i++) {
      if (JSON.readTree(admin.send("/api/v1/controls/AC-1", null, 200, "GET")).get("status").asText().equals(status)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("AC-1 did not turn " + status + " within 60 s");
  }

  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String rates(double[] values) {
    return String.join(", ", Arrays.stream(values).mapToObj(v -> String.format("%,.0f", v)).toList());
  }

  private static double percentile(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  /** The ids the load needs: one agent with a grant on one connection, and its tokens. */
  private record Fixture(String owner, String agent, String connection, String ingestToken, String agentToken,
      Instant createdAt) {
    static Fixture create(ApiClient admin) throws Exception {
      String owner = admin.post("/api/v1/users", "{\"email\":\"bench@bench.example\",\"name\":\"Bench\","
          + "\"role\":\"admin\",\"password\":\"bench password 123\"}").get("id").asText();
      String vendor = admin.post("/api/v1/vendors", "{\"name\":\"V\",\"criticality\":\"low\"}").get("id").asText();
      String connection = admin.post("/api/v1/connections", "{\"name\":\"CRM\",\"app\":\"crm\",\"vendorId\":\""
          + vendor + "\",\"endpoint\":\"https://crm.example\"}").get("id").asText();
      String agent = admin.post("/api/v1/agents", "{\"name\":\"bench-agent\",\"ownerId\":\"" + owner + "\"}")
          .get("id").asText();
      Instant createdAt = Instant.parse(admin.post("/api/v1/agents/" + agent + "/grants", "{\"connectionId\":\""
          + connection + "\",\"scopes\":[\"crm:read\"],\"requestedBy\":\"" + owner + "\",\"approvedBy\":\""
          + owner + "\"}").get("grantedAt").asText());
      String ingest = admin.post("/api/v1/tokens", "{\"name\":\"bench\",\"role\":\"ingest\"}").get("token").asText();
      String agentToken = admin.post("/api/v1/agents/" + agent + "/tokens", null).get("token").asText();
      return new Fixture(owner, agent, connection, ingest, agentToken, createdAt);
    }
  }

  /**
   * A batch of {@code n} events, the {@code salt}-th of its phase, {@code step} apart. Every
   * event falls after the grant's creation, so the grant covers it: the benchmark measures the
   * normal case, not a flood that AC-6 must report.
   */
  private static String batch(Fixture f, int n, int salt, Instant start, Duration step) {
    StringBuilder b = new StringBuilder(n * 260).append("{\"events\":[");
    for (int i = 0; i < n; i++) {
      Instant t = start.plus(step.multipliedBy((long) salt * n + i));
      b.append(i == 0 ? "" : ",").append("{\"agentId\":\"").append(f.agent()).append("\",\"connectionId\":\"")
          .append(f.connection()).append("\",\"action\":\"crm:read\",\"resource\":\"opportunity/").append(salt)
          .append('-').append(i).append("\",\"outcome\":\"success\",\"occurredAt\":\"").append(t)
          .append("\",\"attributes\":{\"rows\":").append(i % 50).append("}}");
    }
    return b.append("]}").toString();
  }

  /**
   * Ingests {@code events} in batches of {@code size}, their times spread evenly over
   * [from, to), in order; request r goes to tenant r modulo their number, and client c to
   * node c modulo the number of {@code ports}.
   */
  private static double ingest(List<Fixture> tenants, List<Integer> ports, int events, int size, int clients,
      Instant from, Instant to) throws Exception {
    int requests = events / size;
    Duration step = Duration.between(from, to).dividedBy((long) requests * size);
    List<String> bodies = new ArrayList<>(requests);
    for (int i = 0; i < requests; i++) bodies.add(batch(tenants.get(i % tenants.size()), size, i, from, step));
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int port = ports.get(c % ports.size());
      done.add(pool.submit(() -> {
        List<ApiClient> perTenant = tenants.stream().map(t -> new ApiClient(port, t.ingestToken())).toList();
        for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
          perTenant.get(r % tenants.size()).send("/api/v1/events", bodies.get(r), 202);
        }
        return null;
      }));
    }
    for (Future<?> d : done) d.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return (double) requests * size / seconds;
  }

  private static RequestLoad.Result authorize(Fixture f, int port, int clients, double seconds) throws Exception {
    return RequestLoad.post(port, "/api/v1/authorize", f.agentToken(),
        "{\"connectionId\":\"" + f.connection() + "\",\"action\":\"crm:read\"}", clients, seconds);
  }

  /**
   * Decisions in 10 s windows, for at least a minute and at most {@code maxSeconds}, until a
   * window is no faster than 1.05 times the best before it: on two cores the JIT took minutes to
   * compile the decision path (docs/benchmarks.md), and a server that has run a while has
   * compiled it. One slow window alone (a shared machine's noise) does not end it early.
   */
  private static void warmUpDecisions(Fixture f, int port, int clients, int maxSeconds) throws Exception {
    List<String> windows = new ArrayList<>();
    double best = 0;
    for (int s = 0; s < maxSeconds; s += 10) {
      double rate = authorize(f, port, clients, Math.min(10, maxSeconds - s)).perSecond();
      windows.add(String.format("%,.0f", rate));
      if (s >= 60 && rate <= best * 1.05) break;
      best = Math.max(best, rate);
    }
    System.out.println("  warm-up /authorize windows of 10 s, decisions/s: " + String.join(", ", windows));
  }

  /**
   * The same rows, precomputed, inserted with plain JDBC batches: no HTTP, JSON, hashing or
   * locking. Round r writes its own chain of rows, as a tenant of its own. Deliberately not the
   * service's writer: this is what the service is measured against, kept as every earlier
   * result in docs/benchmarks.md measured it.
   */
  private static double rawInsert(String url, String user, String password, int rows, int round) throws Exception {
    String data = "{\"action\":\"crm:read\",\"agentId\":\"agt_bench\",\"attributes\":{\"rows\":7},"
        + "\"connectionId\":\"con_bench\",\"occurredAt\":\"2026-11-24T14:00:00Z\",\"onBehalfOf\":null,"
        + "\"outcome\":\"success\",\"resource\":\"opportunity/0-0\"}";
    String hash = AuditChain.GENESIS_HEX;
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = DriverManager.getConnection(url.startsWith("jdbc:postgresql")
        ? url + "&reWriteBatchedInserts=true" : url, user, password)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT INTO audit_entries (tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash,
            agent_id, connection_id, action, event_time, grant_id)
          VALUES (?, ?, ?, 'token', 'tok_bench', 'event', 'agt_bench', ?, ?, 'agt_bench', 'con_bench', 'crm:read', ?,
            'gra_bench')
          """)) {
        long start = System.nanoTime();
        for (int i = 1; i <= rows; i++) {
          ps.setString(1, "bench-raw-" + round);
          ps.setLong(2, i);
          ps.setTimestamp(3, now);
          ps.setString(4, data);
          ps.setString(5, hash);
          ps.setTimestamp(6, now);
          ps.addBatch();
          if (i % 1000 == 0) {
            ps.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
        return rows / ((System.nanoTime() - start) / 1e9);
      }
    }
  }
}
