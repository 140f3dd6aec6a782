package dev.vigil.bench;

import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.Exporter;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.db.Migrations;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code bench-audit [--entries 1000000,10000000] [--reuse] [--heap 256m]}: the audit export and
 * offline verification at audit scale (issue 19, point 4), on PostgreSQL. Fills one tenant's
 * chain in schema {@code bench_audit} with the largest size (reported actions through the
 * service's chain writer, as {@link Estate} does), then for each size exports its first entries
 * with the service's {@link Exporter}, in rounds alternating with reading the same rows alone
 * (the baseline), and verifies the bundle in a child JVM with the heap under test
 * ({@link VerifyChild}), against raw SHA-256 over the same entries file. The schema, the
 * master key and the bundles (in {@code --dir}) are left for the next run.
 */
public final class AuditBenchCommand extends Command {

  private static final String SCHEMA = "bench_audit";

  public AuditBenchCommand() {
    super("bench-audit", "Benchmarks the audit export and offline verify at 1 and 10 million entries");
  }

  @Override
  public void configure(Subparser p) {
    p.addArgument("--pg-url").setDefault("jdbc:postgresql://127.0.0.1:5432/test").help("PostgreSQL database");
    p.addArgument("--pg-user").setDefault("postgres");
    p.addArgument("--entries").setDefault("1000000,10000000").help("chain sizes to measure, comma-separated");
    p.addArgument("--rounds").type(Integer.class).setDefault(2).help("rounds of each measurement (default 2)");
    p.addArgument("--reuse").action(Arguments.storeTrue())
        .help("keep the chain already built in schema bench_audit when it is long enough");
    p.addArgument("--heap").setDefault("256m").help("the verify process's -Xmx (default 256m)");
    p.addArgument("--dir").setDefault(Path.of(System.getProperty("java.io.tmpdir"), "vigil-bench-audit").toString())
        .help("where the master key and the bundles are kept");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
    String url = ns.getString("pg_url");
    String user = ns.getString("pg_user");
    Path dir = Files.createDirectories(Path.of(ns.getString("dir")));
    Path keyFile = dir.resolve("master-key.json");
    List<Long> sizes = new ArrayList<>();
    for (String s : ns.getString("entries").split(",")) sizes.add(Long.parseLong(s.strip().replace("_", "")));
    long largest = sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
    int rounds = ns.getInt("rounds");
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    Optional<String> built = ns.getBoolean("reuse") && Files.exists(keyFile) ? built(url, user, largest)
        : Optional.empty();
    Jdbi jdbi = Jdbis.configure(Jdbi.create(dataSource(schemaUrl, user)));
    String tenant = built.isPresent() ? built.get() : build(url, user, schemaUrl, keyFile, jdbi, largest);
    MasterKey master = MasterKey.load(keyFile);
    Clock clock = Clock.systemUTC();
    AuditLog log = new AuditLog(jdbi);
    Exporter exporter = new Exporter(log, new CheckpointStore(jdbi, CheckpointSigner.loadOrCreate(jdbi, master, clock),
        clock), clock);
    System.out.printf("Vigil audit bench: tenant %s in schema %s, load average %s%n", tenant, SCHEMA, load());

    for (long size : sizes) {
      System.out.printf("%n%,d entries%n", size);
      AuditLog.Range range = new AuditLog.Range(1, size);
      Path zip = dir.resolve("bundle-" + size + ".zip");
      for (int round = 1; round <= rounds; round++) {
        AtomicLong rows = new AtomicLong();
        long t0 = System.nanoTime();
        log.forEachStored(tenant, 0, size, e -> rows.incrementAndGet());
        double read = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16)) {
          exporter.export(tenant, range, out, e -> { });
        }
        double export = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  round %d: rows alone %.1f s (%,.0f entries/s); export %.1f s, %,.0f entries/s, "
            + "%.2fx of reading the rows alone; bundle %.1f MB%n", round, read, rows.get() / read, export,
            size / export, read / export, Files.size(zip) / 1e6);
      }
      Path entries = dir.resolve("entries-" + size + ".jsonl");
      extractEntries(zip, entries);
      long t0 = System.nanoTime();
      Process sum = new ProcessBuilder("sha256sum", entries.toString()).redirectErrorStream(true).start();
      String line = new String(sum.getInputStream().readAllBytes()).strip();
      sum.waitFor();
      System.out.printf("  entries.jsonl %.1f MB; sha256sum %.2f s (%s...)%n", Files.size(entries) / 1e6,
          (System.nanoTime() - t0) / 1e9, line.length() > 12 ? line.substring(0, 12) : line);
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + ns.getString("heap"), "-cp", System.getProperty("java.class.path"), VerifyChild.class.getName(),
          zip.toString(), entries.toString(), Integer.toString(rounds + 1));
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) throw new IllegalStateException("the verify process failed (exit " + exit + ")");
      Files.delete(entries);
    }
    System.out.printf("%nload average at the end %s%n", load());
  }

  private static String build(String url, String user, String schemaUrl, Path keyFile, Jdbi jdbi, long entries)
      throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
    Files.deleteIfExists(keyFile);
    MasterKey master = MasterKey.generate(keyFile);
    Migrations.apply(dataSource(schemaUrl, user));
    Clock clock = Clock.systemUTC();
    String tenant = Estate.createTenant(jdbi, "Audit bench", clock);
    System.out.printf("Vigil audit bench: filling a chain of %,d reported actions in schema %s ...%n", entries, SCHEMA);
    long t0 = System.nanoTime();
    // A chain only: agents and grants are named by the actions, not created.
    new Estate(new SweepTenant(jdbi, master, tenant, clock)).trail(new Estate.Size(2_000, 200_000, entries));
    System.out.printf("  filled in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    try (Connection c = DriverManager.getConnection(schemaUrl, user, ""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bench_audit_estate (tenant_id VARCHAR(40), entries BIGINT)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_audit_estate VALUES (?, ?)")) {
        ps.setString(1, tenant);
        ps.setLong(2, entries);
        ps.execute();
      }
      s.execute("ANALYZE");
    }
    return tenant;
  }

  /** The tenant of the chain built in the schema, if one of at least {@code entries} was completed. */
  private static Optional<String> built(String url, String user, long entries) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
      try (ResultSet exists = s.executeQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = '"
          + SCHEMA + "' AND table_name = 'bench_audit_estate'")) {
        if (!exists.next()) return Optional.empty();
      }
      try (ResultSet r = s.executeQuery("SELECT tenant_id, entries FROM " + SCHEMA + ".bench_audit_estate")) {
        return r.next() && r.getLong(2) >= entries ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  private static PGSimpleDataSource dataSource(String schemaUrl, String user) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(schemaUrl);
    ds.setUser(user);
    ds.setReWriteBatchedInserts(true);
    return ds;
  }

  private static void extractEntries(Path zip, Path target) throws Exception {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals("entries.jsonl")) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          return;
        }
      }
    }
    throw new IllegalStateException(zip + " has no entries.jsonl");
  }

  private static String load() throws Exception {
    Path avg = Path.of("/proc/loadavg");
    return Files.exists(avg) ? Files.readString(avg).strip() : "unknown";
  }
}
