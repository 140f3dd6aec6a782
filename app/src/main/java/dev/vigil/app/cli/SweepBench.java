package dev.vigil.app.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.CredentialVault;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.monitoring.ControlRunner;
import dev.vigil.collectors.monitoring.RunRecorder;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.collectors.monitoring.SnapshotLoader;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.CanonicalJson;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Family;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The full-sweep benchmark: fills one tenant with a large, mostly compliant estate straight
 * through JDBC (agents, grants, reviews, vendors, incidents, and a hash-chained trail of
 * reported actions with signed checkpoints), then times every control of the catalog over it
 * with the same loaders, evaluation and recording the service uses.
 */
final class SweepBench {

  /** How big the estate is. */
  record Size(int agents, int grants, long events) {}

  /** What one family's run took and found. */
  record FamilyTime(Family family, double seconds, String results) {}

  private static final int USERS = 200;
  private static final int VENDORS = 50;
  private static final int CONNECTIONS = 500;
  private static final int BATCH = 5_000;
  /** Simulated time between signed checkpoints: within LG-3's 60-minute limit. */
  private static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(50);

  private final Jdbi jdbi;
  private final MasterKey master;
  private final String tenantId;
  private final Clock clock = Clock.tickMillis(ZoneOffset.UTC);

  SweepBench(String url, String user, String password, Path masterKeyFile, String tenantId) {
    this.jdbi = Jdbis.configure(Jdbi.create(url, user, password));
    this.master = MasterKey.load(masterKeyFile);
    this.tenantId = tenantId;
  }

  /** Fills the tenant; returns the seconds it took. */
  double fill(Size size) throws Exception {
    long start = System.nanoTime();
    Instant now = clock.instant();
    jdbi.useHandle(h -> {
      Connection c = h.getConnection();
      c.setAutoCommit(false);
      people(c, now);
      vendors(c, now);
      agents(c, size, now);
      grants(c, size, now);
      c.commit();
      events(c, size, now);
      c.setAutoCommit(true);
      // Planner statistics for the bulk-loaded tables, as autovacuum would gather them (it is
      // off on some machines): without them a new tenant looks empty and queries pick poor plans.
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE");
      }
    });
    return (System.nanoTime() - start) / 1e9;
  }

  /** Latencies of one kind of event query, in ms. */
  record QueryTimes(String kind, double p50, double p95, double max, double meanRows) {}

  /**
   * Times {@code GET /events}' store queries over the filled estate: "what did this agent do
   * between 14:00 and 17:00 that day", the same for a connection, and every action in such a
   * window (first page of 100), each for {@code rounds} random agents, connections and days.
   */
  List<QueryTimes> eventQueries(Size size, int rounds) throws Exception {
    java.util.Random random = new java.util.Random(7);
    AuditAppender audit = new AuditAppender(clock);
    try (AppendPipeline unused = new AppendPipeline(jdbi, audit, 1, 1_000, Duration.ofSeconds(5))) {
      EventStore events = new EventStore(jdbi, unused, clock);
      Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
      List<QueryTimes> out = new java.util.ArrayList<>();
      for (String kind : List.of("agent", "connection", "tenant")) {
        double[] ms = new double[rounds];
        long rows = 0;
        for (int i = 0; i < rounds; i++) {
          Instant from = today.minus(Duration.ofDays(1 + random.nextInt(28))).plus(Duration.ofHours(14));
          EventStore.Query q = switch (kind) {
            case "agent" -> new EventStore.Query(agent(random.nextInt(size.agents())), null, null, from,
                from.plus(Duration.ofHours(3)));
            case "connection" -> new EventStore.Query(null,
                "con_bench" + random.nextInt(Math.min(CONNECTIONS, Math.max(1, size.grants() / size.agents()))),
                null, from, from.plus(Duration.ofHours(3)));
            default -> new EventStore.Query(null, null, null, from, from.plus(Duration.ofHours(3)));
          };
          long t0 = System.nanoTime();
          rows += events.query(tenantId, q, 0, 100).size();
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        out.add(new QueryTimes(kind, ms[rounds / 2], ms[(int) Math.ceil(rounds * 0.95) - 1], ms[rounds - 1],
            (double) rows / rounds));
      }
      return out;
    }
  }

  /** Runs every control family once, in catalog order, and times each. */
  List<FamilyTime> sweep() {
    Catalog catalog = new Catalog(ControlParameters.defaults());
    Map<Family, Duration> schedules = new EnumMap<>(Family.class);
    for (Family f : Family.values()) schedules.put(f, Duration.ofMinutes(5));
    Ids ids = new Ids(clock);
    AuditAppender audit = new AuditAppender(clock);
    TenantKeysets keysets = new TenantKeysets(jdbi, master, audit, clock);
    ConnectionStore connections = new ConnectionStore(jdbi, audit, keysets, new CredentialVault(), ids, clock);
    CheckpointSigner signer = CheckpointSigner.loadOrCreate(jdbi, master, clock);
    SnapshotLoader loader = new SnapshotLoader(jdbi, connections, new AuditLog(jdbi), signer.publicKey(),
        catalog.parameters(), schedules);
    ControlRunner runner = new ControlRunner(loader, new RunRecorder(jdbi, audit, ids), (c, o) -> { }, clock);
    return Arrays.stream(Family.values()).map(f -> {
      long t0 = System.nanoTime();
      List<RunRecorder.Outcome> outcomes = runner.run(tenantId, catalog.family(f), RunTrigger.MANUAL, null);
      double seconds = (System.nanoTime() - t0) / 1e9;
      StringBuilder results = new StringBuilder();
      for (RunRecorder.Outcome o : outcomes) {
        results.append(results.isEmpty() ? "" : ", ").append(o.run().controlId()).append(' ')
            .append(o.run().result().wire()).append(" (").append(o.run().population()).append(" examined, ")
            .append(o.run().exceptionCount()).append(" exceptions)");
      }
      return new FamilyTime(f, seconds, results.toString());
    }).toList();
  }

  private void people(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO users (tenant_id, id, email, name, role, password_hash, active, created_at)
        VALUES (?, ?, ?, ?, 'ADMIN', '(bench user: cannot sign in)', TRUE, ?)
        """)) {
      for (int i = 0; i < USERS; i++) {
        ps.setString(1, tenantId);
        ps.setString(2, "usr_bench" + i);
        ps.setString(3, "user" + i + "@bench.example");
        ps.setString(4, "User " + i);
        ps.setTimestamp(5, Timestamp.from(now.minus(Duration.ofDays(400))));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void vendors(Connection c, Instant now) throws SQLException {
    try (PreparedStatement v = c.prepareStatement("""
        INSERT INTO vendors (tenant_id, id, name, criticality, services, data_shared, status, created_at, updated_at)
        VALUES (?, ?, ?, ?, 'SaaS', 'records', 'ACTIVE', ?, ?)
        """);
        PreparedStatement r = c.prepareStatement("""
        INSERT INTO vendor_reviews (tenant_id, id, vendor_id, reviewed_at, reviewer, outcome, soc2_period_end, notes,
          created_at) VALUES (?, ?, ?, ?, 'User 0', 'APPROVED', ?, 'annual review', ?)
        """);
        PreparedStatement conn = c.prepareStatement("""
        INSERT INTO connections (tenant_id, id, name, app, vendor_id, endpoint, created_at)
        VALUES (?, ?, ?, 'crm', ?, ?, ?)
        """)) {
      Timestamp created = Timestamp.from(now.minus(Duration.ofDays(400)));
      for (int i = 0; i < VENDORS; i++) {
        v.setString(1, tenantId);
        v.setString(2, "ven_bench" + i);
        v.setString(3, "Vendor " + i);
        v.setString(4, i % 5 == 0 ? "HIGH" : "MEDIUM");
        v.setTimestamp(5, created);
        v.setTimestamp(6, created);
        v.addBatch();
        r.setString(1, tenantId);
        r.setString(2, "vrv_bench" + i);
        r.setString(3, "ven_bench" + i);
        r.setTimestamp(4, Timestamp.from(now.minus(Duration.ofDays(30 + i))));
        r.setObject(5, LocalDate.ofInstant(now, ZoneOffset.UTC).minusMonths(6));
        r.setTimestamp(6, created);
        r.addBatch();
      }
      v.executeBatch();
      r.executeBatch();
      for (int i = 0; i < CONNECTIONS; i++) {
        conn.setString(1, tenantId);
        conn.setString(2, "con_bench" + i);
        conn.setString(3, "Connection " + i);
        conn.setString(4, "ven_bench" + (i % VENDORS));
        conn.setString(5, "https://app" + i + ".example/api");
        conn.setTimestamp(6, created);
        conn.addBatch();
      }
      conn.executeBatch();
    }
  }

  private void agents(Connection c, Size size, Instant now) throws SQLException {
    try (PreparedStatement a = c.prepareStatement("""
        INSERT INTO agents (tenant_id, id, name, owner_id, description, status, created_at, status_changed_at)
        VALUES (?, ?, ?, ?, 'bench agent', 'ACTIVE', ?, ?)
        """);
        PreparedStatement r = c.prepareStatement("""
        INSERT INTO access_reviews (tenant_id, id, agent_id, reviewer_id, decision, notes, reviewed_at)
        VALUES (?, ?, ?, ?, 'KEEP', 'quarterly', ?)
        """)) {
      Timestamp created = Timestamp.from(now.minus(Duration.ofDays(200)));
      for (int i = 0; i < size.agents(); i++) {
        a.setString(1, tenantId);
        a.setString(2, agent(i));
        a.setString(3, "agent-" + i);
        a.setString(4, "usr_bench" + (i % USERS));
        a.setTimestamp(5, created);
        a.setTimestamp(6, created);
        a.addBatch();
        r.setString(1, tenantId);
        r.setString(2, "rev_bench" + i);
        r.setString(3, agent(i));
        r.setString(4, "usr_bench" + ((i + 1) % USERS));
        r.setTimestamp(5, Timestamp.from(now.minus(Duration.ofDays(i % 60))));
        r.addBatch();
        if (i % BATCH == BATCH - 1) {
          a.executeBatch();
          r.executeBatch();
        }
      }
      a.executeBatch();
      r.executeBatch();
    }
  }

  /** Grants: each agent holds grants on consecutive connections; one in 10,000 is a wildcard. */
  private void grants(Connection c, Size size, Instant now) throws SQLException {
    try (PreparedStatement g = c.prepareStatement("""
        INSERT INTO grants (tenant_id, id, agent_id, connection_id, scopes, justification, requested_by,
          approved_by, granted_at) VALUES (?, ?, ?, ?, ?, 'needed for the workflow', ?, ?, ?)
        """)) {
      Timestamp granted = Timestamp.from(now.minus(Duration.ofDays(90)));
      for (int i = 0; i < size.grants(); i++) {
        int agent = i % size.agents();
        g.setString(1, tenantId);
        g.setString(2, grant(i));
        g.setString(3, agent(agent));
        g.setString(4, "con_bench" + connectionOf(i, size));
        g.setString(5, i % 10_000 == 9_999 ? "[\"crm:*\"]" : "[\"crm:read\"]");
        g.setString(6, "usr_bench" + (agent % USERS));
        g.setString(7, "usr_bench" + ((agent + 1) % USERS));
        g.setTimestamp(8, granted);
        g.addBatch();
        if (i % BATCH == BATCH - 1) {
          g.executeBatch();
          c.commit();
        }
      }
      g.executeBatch();
    }
  }

  /**
   * Reported actions over the last 30 days, appended to the tenant's chain with real hashes
   * and a signed checkpoint every 50 minutes of their time. Action i falls under grant i mod grants, so
   * every grant is used; one in 100,000 is outside every grant.
   */
  private void events(Connection c, Size size, Instant now) throws Exception {
    long seq;
    String hash;
    try (PreparedStatement head = c.prepareStatement("SELECT seq, hash FROM audit_heads WHERE tenant_id = ?")) {
      head.setString(1, tenantId);
      try (ResultSet rs = head.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
        hash = rs.getString(2);
      }
    }
    CheckpointSigner signer = CheckpointSigner.loadOrCreate(jdbi, master, clock);
    Instant first = now.minus(Duration.ofDays(30));
    long spanMillis = Duration.ofDays(30).minusMinutes(5).toMillis();
    Actor actor = new Actor("token", "tok_bench");
    Instant nextCheckpoint = first.plus(CHECKPOINT_EVERY);
    Instant lastAt = null;
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO audit_entries (tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash,
          agent_id, connection_id, action, event_time, grant_id)
        VALUES (?, ?, ?, 'token', 'tok_bench', 'event', ?, ?, ?, ?, ?, ?, ?, ?)
        """);
        PreparedStatement cp = c.prepareStatement(
            "INSERT INTO checkpoints (tenant_id, size, head_hash, issued_at, note) VALUES (?, ?, ?, ?, ?)")) {
      for (long i = 0; i < size.events(); i++) {
        seq++;
        int g = (int) (i % size.grants());
        boolean outside = i % 100_000 == 50_000;
        String agent = agent(g % size.agents());
        String connection = "con_bench" + connectionOf(g, size);
        String action = outside ? "crm:delete" : "crm:read";
        Instant at = first.plusMillis(i * spanMillis / size.events());
        StringBuilder data = new StringBuilder(256).append("{\"action\":\"").append(action)
            .append("\",\"agentId\":\"").append(agent).append("\",\"connectionId\":\"").append(connection)
            .append("\",\"occurredAt\":\"").append(at).append("\",\"onBehalfOf\":null,\"outcome\":\"success\",")
            .append("\"resource\":");
        CanonicalJson.appendString("account/" + (i % 9973), data);
        String dataText = data.append('}').toString();
        AuditEntry entry = new AuditEntry(seq, tenantId, at.plusMillis(40), actor, "event", agent, EMPTY, null);
        hash = AuditChain.hash(hash, AuditChain.canonicalBytes(entry, dataText));
        lastAt = entry.time();
        ps.setString(1, tenantId);
        ps.setLong(2, seq);
        ps.setTimestamp(3, Timestamp.from(entry.time()));
        ps.setString(4, agent);
        ps.setString(5, dataText);
        ps.setString(6, hash);
        ps.setString(7, agent);
        ps.setString(8, connection);
        ps.setString(9, action);
        ps.setTimestamp(10, Timestamp.from(at));
        ps.setString(11, outside ? null : grant(g));
        ps.addBatch();
        if (!at.isBefore(nextCheckpoint) || i == size.events() - 1) {
          nextCheckpoint = nextCheckpoint.plus(CHECKPOINT_EVERY);
          Instant issued = entry.time().plusSeconds(30);
          cp.setString(1, tenantId);
          cp.setLong(2, seq);
          cp.setString(3, hash);
          cp.setTimestamp(4, Timestamp.from(issued));
          cp.setString(5, signer.signNote(Checkpoint.body(tenantId, seq, hash, issued)));
          cp.addBatch();
        }
        if (i % BATCH == BATCH - 1) {
          ps.executeBatch();
          cp.executeBatch();
          c.commit();
        }
      }
      ps.executeBatch();
      cp.executeBatch();
      try (PreparedStatement move = c.prepareStatement(
          "UPDATE audit_heads SET seq = ?, hash = ?, occurred_at = ? WHERE tenant_id = ?")) {
        move.setLong(1, seq);
        move.setString(2, hash);
        move.setTimestamp(3, lastAt == null ? null : Timestamp.from(lastAt));
        move.setString(4, tenantId);
        move.executeUpdate();
      }
      c.commit();
    }
  }

  /** Stands in for data in entries whose canonical bytes are built around their data text. */
  private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

  private static String agent(int i) {
    return "agt_bench" + i;
  }

  private static String grant(int i) {
    return "gra_bench" + i;
  }

  /** Grant i's connection: an agent's grants sit on distinct connections. */
  private static int connectionOf(int grant, Size size) {
    return (grant / size.agents()) % CONNECTIONS;
  }
}
