package dev.vigil.bench;

import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.CredentialVault;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.db.Migrations;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.tenancy.PasswordHasher;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Role;
import dev.vigil.evidence.DocType;
import dev.vigil.evidence.EvidenceDoc;
import dev.vigil.evidence.Filters;
import dev.vigil.evidence.SearchRequest;
import dev.vigil.evidence.SearchResult;
import dev.vigil.evidence.docs.EvidenceDao;
import dev.vigil.evidence.docs.EvidenceReader;
import dev.vigil.evidence.follow.ChainFollower;
import dev.vigil.evidence.follow.Progress;
import dev.vigil.evidence.follow.Reindexer;
import dev.vigil.evidence.lucene.LuceneIndex;
import dev.vigil.evidence.lucene.Schema;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code bench-index [--db h2|postgres] [--entries N] [--throughput-entries N] [--probes N]}: the
 * evidence index's benchmarks, on a fresh database filled with the sweep estate's chain
 * ({@link Estate}: {@code --entries} reported actions of 20,000 agents):
 *
 * <ol>
 *   <li>index throughput: the indexer (chain read, documents built, Lucene) over the first
 *       {@code --throughput-entries} entries, against bare Lucene (one IndexWriter, the same
 *       documents already built, no database, the same writer settings) in the same run;
 *   <li>a rebuild of the whole tenant's index: documents/s, wall time, index size per million entries;
 *   <li>query latency over that index: a term query with two filters and all facets, a phrase,
 *       a time range sorted by time, and page 50 of cursor paging;
 *   <li>visibility: from an event's commit to the index finding it, while ingest runs at
 *       10,000 events/s through the same group commit the API uses, with the service's
 *       default follower settings.
 * </ol>
 */
public final class IndexBenchCommand extends Command {

  private static final Actor BENCH = new Actor("token", "tok_bench");

  public IndexBenchCommand() {
    super("bench-index", "Benchmarks the evidence index: throughput, rebuild, queries, visibility");
  }

  @Override
  public void configure(Subparser p) {
    p.addArgument("--db").choices("h2", "postgres").setDefault("h2").help("database kind (default h2)");
    p.addArgument("--pg-url").setDefault("jdbc:postgresql://127.0.0.1:5432/test").help("PostgreSQL for --db postgres");
    p.addArgument("--pg-user").setDefault("postgres");
    p.addArgument("--entries").type(Long.class).setDefault(20_000_000L)
        .help("reported actions in the estate's chain (default 20000000)");
    p.addArgument("--throughput-entries").type(Integer.class).setDefault(1_000_000)
        .help("entries the throughput comparison indexes (default 1000000)");
    p.addArgument("--layout-tenants").type(Integer.class).setDefault(50)
        .help("tenants of the one-index-or-many comparison, each with the first 20,000 entries (default 50)");
    p.addArgument("--rounds").type(Integer.class).setDefault(200).help("queries of each kind timed (default 200)");
    p.addArgument("--probes").type(Integer.class).setDefault(100).help("visibility probes (default 100)");
    p.addArgument("--rate").type(Integer.class).setDefault(10_000)
        .help("events/s ingested while visibility is measured (default 10000)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
    boolean pg = ns.getString("db").equals("postgres");
    Path dir = Files.createTempDirectory("vigil-bench-index");
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    DataSource ds;
    JdbcConnectionPool h2 = null;
    if (pg) {
      try (Connection c = DriverManager.getConnection(ns.getString("pg_url"), ns.getString("pg_user"), "");
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      PGSimpleDataSource p = new PGSimpleDataSource();
      p.setUrl(ns.getString("pg_url") + "?currentSchema=" + schema);
      p.setUser(ns.getString("pg_user"));
      ds = p;
    } else {
      h2 = JdbcConnectionPool.create("jdbc:h2:file:" + dir.toAbsolutePath().resolve("vigil") + ";WRITE_DELAY=0",
          "sa", "");
      h2.setMaxConnections(32);
      ds = h2;
    }
    try {
      new Run(ds, dir, ns, pg).all();
    } finally {
      if (h2 != null) h2.dispose();
      if (pg) {
        try (Connection c = DriverManager.getConnection(ns.getString("pg_url"), ns.getString("pg_user"), "");
            Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
      deleteTree(dir);
    }
  }

  /** One benchmark run over one database. */
  private static final class Run {
    private final Jdbi jdbi;
    private final Path dir;
    private final Namespace ns;
    private final boolean pg;
    private final Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    private final Ids ids = new Ids(clock);
    private final AuditAppender appender = new AuditAppender(clock);
    private final MasterKey master;
    private final EvidenceReader reader;
    private final TenantStore tenants;

    Run(DataSource ds, Path dir, Namespace ns, boolean pg) {
      Migrations.apply(ds);
      this.jdbi = Jdbis.configure(Jdbi.create(ds));
      this.dir = dir;
      this.ns = ns;
      this.pg = pg;
      this.master = MasterKey.generate(dir.resolve("master-key.json"));
      TokenStore tokens = new TokenStore(jdbi, appender, ids, new TokenSecrets(), clock);
      AuditedWrites writes = new AuditedWrites(jdbi, appender, ids, clock);
      TenantKeysets keysets = new TenantKeysets(jdbi, master, appender, clock);
      this.tenants = new TenantStore(jdbi, appender, tokens, ids, clock);
      this.reader = new EvidenceReader(jdbi, new EvidenceReader.Sources(
          new AgentStore(jdbi, appender, tokens, ids, clock), new GrantStore(writes),
          new ConnectionStore(jdbi, appender, keysets, new CredentialVault(), ids, clock), new VendorStore(writes),
          new IncidentStore(writes), new ControlQueries(jdbi)));
    }

    void all() throws Exception {
      String tenant = Estate.createTenant(jdbi, "Index bench", clock);
      long entries = ns.getLong("entries");
      Estate.Size size = new Estate.Size(20_000, 200_000, entries);
      System.out.printf("Vigil index bench: %s; filling a chain of %,d reported actions ...%n",
          pg ? "PostgreSQL" : "H2", entries);
      long t0 = System.nanoTime();
      new Estate(new SweepTenant(jdbi, master, tenant, clock)).fill(size);
      System.out.printf("  filled in %.0f s%n", (System.nanoTime() - t0) / 1e9);

      LuceneIndex index = new LuceneIndex(dir.resolve("index"),
          new LuceneIndex.Settings(32, 2_000, Duration.ofMillis(100)));
      ChainFollower idle = new ChainFollower(jdbi, reader, index, settings(), clock);
      Reindexer reindexer = new Reindexer(jdbi, reader, index, idle, 2_000, clock);
      long[] lastLine = {0};
      Progress done = reindexer.rebuild(tenant, p -> {
        if (System.nanoTime() - lastLine[0] > 30_000_000_000L) {
          lastLine[0] = System.nanoTime();
          System.out.println("  " + p.line(clock.instant()));
        }
      });
      long bytes = size(dir.resolve("index").resolve(tenant));
      double seconds = Duration.between(done.startedAt(), done.finishedAt()).toMillis() / 1000.0;
      System.out.printf("  rebuild: %,d entries, %,d documents in %.0f s: %,.0f documents/s; index %,.0f MB, "
          + "%,.0f MB per million entries%n", done.totalEntries(), done.documents(), seconds,
          done.documents() / seconds, bytes / 1e6, bytes / 1e6 / (done.totalEntries() / 1e6));

      double[] throughput = throughput(reindexer, ns.getInt("throughput_entries"));
      System.out.printf("  indexer:     %,10.0f documents/s (a rebuild of %,d entries: chain read, documents built, "
          + "Lucene)%n", throughput[0], ns.getInt("throughput_entries"));
      System.out.printf("  bare Lucene: %,10.0f documents/s (the same documents, built beforehand)%n", throughput[1]);
      System.out.printf("  indexer / bare Lucene: %.2f%n", throughput[0] / throughput[1]);

      EvidenceReader.Tenant chain = reader.tenant(tenant);
      List<EvidenceDoc> sample = chain.documents(chain.entries(0, 20_000));
      LayoutBench.Result layout = new LayoutBench().run(Files.createDirectories(dir.resolve("layout")), sample,
          ns.getInt("layout_tenants"), ns.getInt("rounds"));
      deleteTree(dir.resolve("layout"));
      System.out.printf("  %d tenants of %,d documents: one shared index p50 %.2f ms, p99 %.2f ms (%,.0f MB); "
          + "one index each p50 %.2f ms, p99 %.2f ms (%,.0f MB in all)%n", layout.tenants(), layout.docsPerTenant(),
          layout.sharedP50(), layout.sharedP99(), layout.sharedBytes() / 1e6, layout.ownP50(), layout.ownP99(),
          layout.ownBytes() / 1e6);

      for (Timing q : queries(index, tenant, size, ns.getInt("rounds"))) {
        System.out.printf("  query %-42s p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms (%,d matches)%n", q.name(),
            q.p50(), q.p99(), q.max(), q.matches());
      }
      idle.close();

      double[] visible = visibility(index, ns.getInt("probes"), ns.getInt("rate"));
      System.out.printf("  commit to searchable at %,d events/s: p50 %.3f s, p95 %.3f s, max %.3f s "
          + "(%,.0f events/s reached)%n", ns.getInt("rate"), visible[0], visible[1], visible[2], visible[3]);
      index.close();
    }

    private static ChainFollower.Settings settings() {
      return new ChainFollower.Settings(2, Duration.ofMillis(250), Duration.ofSeconds(5), 2_000, Duration.ZERO);
    }

    /**
     * Fills a tenant of its own with {@code n} reported actions and rebuilds its index with the
     * service's {@link Reindexer} (the follower's catch-up path: read ahead, build, add), then
     * adds the same documents, built beforehand, to a bare IndexWriter; documents/s of each.
     */
    double[] throughput(Reindexer reindexer, int n) throws Exception {
      String tenant = Estate.createTenant(jdbi, "Throughput", clock);
      new Estate(new SweepTenant(jdbi, master, tenant, clock)).fill(new Estate.Size(2_000, 20_000, n));
      EvidenceReader.Tenant chain = reader.tenant(tenant);
      Progress p = reindexer.rebuild(tenant, x -> { });
      if (!p.state().equals(Progress.DONE)) throw new IllegalStateException("the rebuild failed: " + p.error());
      double indexer = p.documents() / (Duration.between(p.startedAt(), p.finishedAt()).toMillis() / 1000.0);

      Schema schema = new Schema();
      List<Document> prepared = new ArrayList<>((int) p.documents());
      long seq = 0;
      while (true) {
        List<EvidenceDao.Indexed> entries = chain.entries(seq, 2_000);
        if (entries.isEmpty()) break;
        for (EvidenceDoc d : chain.documents(entries)) prepared.add(schema.document(tenant, d));
        seq = entries.get(entries.size() - 1).entry().seq();
      }
      Path bare = dir.resolve("bare");
      long start = System.nanoTime();
      try (FSDirectory d = FSDirectory.open(bare);
          IndexWriter w = new IndexWriter(d, schema.writerConfig(32))) {
        for (Document doc : prepared) w.addDocument(doc);
        w.commit();
      }
      double lucene = prepared.size() / ((System.nanoTime() - start) / 1e9);
      deleteTree(bare);
      return new double[] {indexer, lucene};
    }

    /** The latencies of one kind of query, in ms, and how many documents it matched on average. */
    record Timing(String name, double p50, double p99, double max, long matches) {}

    List<Timing> queries(LuceneIndex index, String tenant, Estate.Size size, int rounds) {
      Random random = new Random(11);
      Instant last = clock.instant();
      List<Timing> out = new ArrayList<>();
      out.add(time("term, two filters, all facets", rounds, i -> index.search(tenant, new SearchRequest(
          "action:crm\\:read", filters(Estate.agent(random.nextInt(size.agents())), null), SearchRequest.Order.RELEVANCE,
          null, 20))));
      out.add(time("phrase", rounds, i -> index.search(tenant, new SearchRequest(
          "\"account/" + random.nextInt(9973) + "\"", Filters.NONE, SearchRequest.Order.RELEVANCE, null, 20))));
      out.add(time("time range, sorted by time", rounds, i -> {
        Instant from = last.minus(Duration.ofHours(1 + random.nextInt(24 * 29)));
        return index.search(tenant, new SearchRequest("time:[" + from + " TO " + from.plus(Duration.ofHours(1)) + "]",
            Filters.NONE, SearchRequest.Order.TIME, null, 20));
      }));
      out.add(pageFifty(index, tenant, size, random, rounds / 4));
      return out;
    }

    private static Filters filters(String agentId, String connectionId) {
      return new Filters(DocType.ENTRY, null, null, null, agentId, connectionId, null, null, null,
          null);
    }

    /** Times {@code rounds} queries after as many untimed ones. */
    private static Timing time(String name, int rounds, Function<Integer, SearchResult> query) {
      for (int i = 0; i < rounds; i++) query.apply(i);
      double[] ms = new double[rounds];
      long matches = 0;
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        matches += query.apply(i).total();
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      return timing(name, ms, matches / rounds);
    }

    /** Pages 49 times through the tenant's entries by time from a random hour, untimed, and times the 50th page. */
    private Timing pageFifty(LuceneIndex index, String tenant, Estate.Size size, Random random, int rounds) {
      double[] ms = new double[rounds];
      long matches = 0;
      for (int i = 0; i < rounds; i++) {
        Instant to = clock.instant().minus(Duration.ofHours(random.nextInt(24 * 28)));
        Filters entries = new Filters(DocType.ENTRY, null, null, null, null, null, null, null, null,
            to);
        String cursor = null;
        for (int p = 0; p < 49; p++) {
          cursor = index.search(tenant, new SearchRequest("", entries, SearchRequest.Order.TIME, cursor, 20))
              .nextCursor();
          if (cursor == null) throw new IllegalStateException("fewer than 50 pages; use more --entries");
        }
        long t0 = System.nanoTime();
        matches += index.search(tenant, new SearchRequest("", entries, SearchRequest.Order.TIME, cursor, 20)).total();
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      return timing("page 50 of 20, by time", ms, matches / rounds);
    }

    private static Timing timing(String name, double[] ms, long matches) {
      Arrays.sort(ms);
      int n = ms.length;
      return new Timing(name, ms[n / 2], ms[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)], ms[n - 1], matches);
    }

    /**
     * Ingests at {@code rate} events/s into a tenant of its own (1,000-event batches through the
     * group commit) while probes, one a second, append one marked event and wait for the index
     * to find it: seconds from the append's return (committed) to found, p50, p95 and max, and
     * the ingest rate reached.
     */
    double[] visibility(LuceneIndex index, int probes, int rate) throws Exception {
      String tenant = tenants.create("Visibility", BENCH).tenant().id();
      String vendor = new VendorStore(new AuditedWrites(jdbi, appender, ids, clock)).create(tenant, BENCH, "V",
          Criticality.LOW, null, null).id();
      TokenStore tokens = new TokenStore(jdbi, appender, ids, new TokenSecrets(), clock);
      String owner = new UserStore(jdbi, appender, ids,
          new PasswordHasher(), clock).create(tenant, BENCH, "o@bench.example", "O",
          Role.ADMIN, "a long enough password").id();
      String agent = new AgentStore(jdbi, appender, tokens, ids, clock).create(tenant, BENCH, "probe", owner, null).id();
      String connection = new ConnectionStore(jdbi, appender, new TenantKeysets(jdbi, master, appender, clock),
          new CredentialVault(), ids, clock).create(tenant, BENCH, "CRM", "crm", vendor, "https://crm.example").id();
      AppendPipeline pipeline = new AppendPipeline(jdbi, appender, 4, pg ? 20_000 : 1_000, Duration.ofSeconds(30));
      EventStore events = new EventStore(jdbi, pipeline, clock);
      ChainFollower follower = new ChainFollower(jdbi, reader, index, settings(), clock);
      follower.start();
      follower.catchUp(tenant);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong ingested = new AtomicLong();
      // Four reporters, each sending a 1,000-event batch every 4,000/rate seconds, as agents'
      // runtimes would: one synchronous sender cannot reach 10,000 events/s on PostgreSQL.
      List<Thread> load = new ArrayList<>();
      long loadStart = System.nanoTime();
      for (int r = 0; r < 4; r++) {
        Thread t = new Thread(() -> {
          long sent = 0;
          while (running.get()) {
            long wait = loadStart + sent * 4_000_000_000L / rate - System.nanoTime();
            if (wait > 0) {
              try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              } catch (InterruptedException e) {
                return;
              }
            }
            List<EventStore.NewEvent> batch = new ArrayList<>(1_000);
            Instant now = clock.instant();
            for (int i = 0; i < 1_000; i++) {
              batch.add(new EventStore.NewEvent(agent, connection, "crm:read", "load/" + i, "success", now, null,
                  null));
            }
            events.ingest(tenant, BENCH, null, batch);
            // The follower hears of this node's commits, as in the service.
            follower.changed(tenant);
            sent += 1_000;
            ingested.addAndGet(1_000);
          }
        }, "bench-load-" + r);
        t.start();
        load.add(t);
      }
      // A line every 10 s, so that a run whose index falls behind shows it while it runs.
      ScheduledExecutorService report = Executors.newSingleThreadScheduledExecutor();
      report.scheduleAtFixedRate(() -> {
        double elapsed = (System.nanoTime() - loadStart) / 1e9;
        follower.lags().stream().filter(l -> l.tenantId().equals(tenant)).findFirst().ifPresent(l ->
            System.out.printf("  %4.0f s: %,d events (%,.0f/s); index %,d entries and %.1f s behind%n", elapsed,
                ingested.get(), ingested.get() / elapsed, l.entries(), l.seconds()));
      }, 10, 10, TimeUnit.SECONDS);
      double[] seconds = new double[probes];
      Random random = new Random(3);
      for (int p = 0; p < probes; p++) {
        // One probe a second, so that the run lasts long enough for the index to grow and merge.
        long next = loadStart + (p + 1) * 1_000_000_000L - System.nanoTime();
        if (next > 0) Thread.sleep(next / 1_000_000);
        String marker = "probe-" + p + "-" + Long.toHexString(random.nextLong());
        events.ingest(tenant, BENCH, null, List.of(new EventStore.NewEvent(agent, connection, "crm:write", marker,
            "success", clock.instant(), null, null)));
        follower.changed(tenant);
        long committed = System.nanoTime();
        SearchRequest find = new SearchRequest("resource:\"" + marker + "\"", Filters.NONE,
            SearchRequest.Order.TIME, null, 1);
        while (index.search(tenant, find).total() == 0) Thread.sleep(2);
        seconds[p] = (System.nanoTime() - committed) / 1e9;
      }
      report.shutdownNow();
      running.set(false);
      for (Thread t : load) t.join();
      double reached = ingested.get() / ((System.nanoTime() - loadStart) / 1e9);
      follower.close();
      pipeline.close();
      Arrays.sort(seconds);
      return new double[] {seconds[probes / 2], seconds[(int) Math.ceil(probes * 0.95) - 1], seconds[probes - 1],
          reached};
    }
  }

  private static long size(Path path) throws IOException {
    try (Stream<Path> all = Files.walk(path)) {
      return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) return;
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
