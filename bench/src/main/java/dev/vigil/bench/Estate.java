package dev.vigil.bench;

import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.BackfillAppender;
import dev.vigil.collectors.audit.CheckpointDao;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Fills one tenant with a large, mostly compliant estate: people, vendors with reviews,
 * connections, agents with access reviews and grants straight through JDBC batches, then a
 * hash-chained trail of reported actions with signed checkpoints. The trail goes through the
 * service's own code: each action is the entry ingest would append ({@link EventStore#entry}),
 * written by {@link BackfillAppender} and checkpointed by {@link CheckpointSigner} and
 * {@link CheckpointDao}. Not thread-safe: one fill at a time.
 */
final class Estate {

  /** How big the estate is. */
  record Size(int agents, int grants, long events, int vendors) {
    Size(int agents, int grants, long events) {
      this(agents, grants, events, VENDORS);
    }
  }

  /** Connections of the estate; an agent's grants sit on distinct ones. */
  static final int CONNECTIONS = 500;
  private static final int USERS = 200;
  private static final int VENDORS = 50;
  private static final int BATCH = 5_000;
  /** Simulated time between signed checkpoints: within LG-3's 60-minute limit. */
  private static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(50);
  private static final Actor REPORTER = new Actor("token", "tok_bench");
  /** How far back the reported actions go. */
  private static final Duration HISTORY = Duration.ofDays(30);

  private final SweepTenant tenant;

  Estate(SweepTenant tenant) {
    this.tenant = tenant;
  }

  /**
   * Creates the tenant an estate is filled into, its chain begun before the estate's history
   * (a day before its 30 days): entry times never go back along a chain, and the history is
   * loaded after the tenant's first entries. Returns the tenant's id.
   */
  static String createTenant(Jdbi jdbi, String name, Clock clock) {
    return createTenant(jdbi, name, clock, history());
  }

  /** Creates a tenant whose chain begins {@code before} {@code clock}'s now; returns its id. */
  static String createTenant(Jdbi jdbi, String name, Clock clock, Duration before) {
    return createTenantWithToken(jdbi, name, clock, before).tenant().id();
  }

  /** Creates a tenant whose chain begins {@code before} {@code clock}'s now; returns it with its admin token. */
  static TenantStore.Created createTenantWithToken(Jdbi jdbi, String name, Clock clock, Duration before) {
    Clock then = Clock.offset(clock, before.negated());
    AuditAppender appender = new AuditAppender(then);
    Ids ids = new Ids(then);
    TokenStore tokens = new TokenStore(jdbi, appender, ids, new TokenSecrets(), then);
    return new TenantStore(jdbi, appender, tokens, ids, then).create(name, REPORTER);
  }

  /** The estate's history: how long before now its tenant's chain must begin. */
  static Duration history() {
    return HISTORY.plusDays(1);
  }

  static String agent(int i) {
    return "agt_bench" + i;
  }

  static String connection(int i) {
    return "con_bench" + i;
  }

  /** Fills the tenant, whose chain must exist; the estate's times end now. */
  void fill(Size size) throws SQLException {
    directory(size);
    tenant.jdbi().useHandle(h -> events(h, size, tenant.clock().instant()));
    analyze();
  }

  /** Only the trail of reported actions (no directory), as {@link #fill} writes it; times end now. */
  void trail(Size size) {
    tenant.jdbi().useHandle(h -> events(h, size, tenant.clock().instant()));
  }

  /** People, vendors with reviews, connections, agents with access reviews and grants; times end now. */
  void directory(Size size) throws SQLException {
    Instant now = tenant.clock().instant();
    tenant.jdbi().useHandle(h -> {
      h.useTransaction(t -> {
        Connection c = t.getConnection();
        people(c, now);
        vendors(c, size, now);
        agents(c, size, now);
      });
      grants(h, size, now);
    });
  }

  /**
   * Planner statistics for the bulk-loaded tables, as autovacuum would gather them (it is off
   * on some machines): without them a new tenant looks empty and queries pick poor plans.
   */
  void analyze() throws SQLException {
    tenant.jdbi().useHandle(h -> {
      try (Statement s = h.getConnection().createStatement()) {
        s.execute("ANALYZE");
      }
    });
  }

  /** The entry ingest would append for reported action {@code i} of {@code size}, at its time. */
  static BackfillAppender.Dated action(long i, Instant at, Size size) {
    // Stored 40 ms after it happened, as a reporter sending at once would see it.
    return action(i, at, at.plusMillis(40), size);
  }

  /** The entry of reported action {@code i}, happened {@code at}, stored {@code storedAt}. */
  private static BackfillAppender.Dated action(long i, Instant at, Instant storedAt, Size size) {
    int g = (int) (i % size.grants());
    boolean outside = i % 100_000 == 50_000;
    EventStore.NewEvent action = new EventStore.NewEvent(agent(g % size.agents()),
        connection(connectionOf(g, size)), outside ? "crm:delete" : "crm:read", "account/" + (i % 9973),
        "success", at, null, null);
    return new BackfillAppender.Dated(storedAt, EventStore.entry(REPORTER, action, outside ? null : grant(g)));
  }

  private void people(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO users (tenant_id, id, email, name, role, password_hash, active, created_at)
        VALUES (?, ?, ?, ?, 'ADMIN', '(bench user: cannot sign in)', TRUE, ?)
        """)) {
      for (int i = 0; i < USERS; i++) {
        ps.setString(1, tenant.id());
        ps.setString(2, user(i));
        ps.setString(3, "user" + i + "@bench.example");
        ps.setString(4, "User " + i);
        time(ps, 5, now.minus(Duration.ofDays(400)));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void vendors(Connection c, Size size, Instant now) throws SQLException {
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
      Instant created = now.minus(Duration.ofDays(400));
      for (int i = 0; i < size.vendors(); i++) {
        v.setString(1, tenant.id());
        v.setString(2, "ven_bench" + i);
        v.setString(3, "Vendor " + i);
        v.setString(4, i % 5 == 0 ? "HIGH" : "MEDIUM");
        time(v, 5, created);
        time(v, 6, created);
        v.addBatch();
        r.setString(1, tenant.id());
        r.setString(2, "vrv_bench" + i);
        r.setString(3, "ven_bench" + i);
        time(r, 4, now.minus(Duration.ofDays(30 + i)));
        r.setObject(5, LocalDate.ofInstant(now, ZoneOffset.UTC).minusMonths(6));
        time(r, 6, created);
        r.addBatch();
      }
      v.executeBatch();
      r.executeBatch();
      for (int i = 0; i < CONNECTIONS; i++) {
        conn.setString(1, tenant.id());
        conn.setString(2, connection(i));
        conn.setString(3, "Connection " + i);
        conn.setString(4, "ven_bench" + (i % size.vendors()));
        conn.setString(5, "https://app" + i + ".example/api");
        time(conn, 6, created);
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
      Instant created = now.minus(Duration.ofDays(200));
      for (int i = 0; i < size.agents(); i++) {
        a.setString(1, tenant.id());
        a.setString(2, agent(i));
        a.setString(3, "agent-" + i);
        a.setString(4, user(i));
        time(a, 5, created);
        time(a, 6, created);
        a.addBatch();
        r.setString(1, tenant.id());
        r.setString(2, "rev_bench" + i);
        r.setString(3, agent(i));
        r.setString(4, user(i + 1));
        time(r, 5, now.minus(Duration.ofDays(i % 60)));
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
  private void grants(Handle h, Size size, Instant now) throws SQLException {
    Instant granted = now.minus(Duration.ofDays(90));
    for (int from = 0; from < size.grants(); from += BATCH) {
      int to = Math.min(size.grants(), from + BATCH);
      int first = from;
      h.useTransaction(t -> {
        try (PreparedStatement g = t.getConnection().prepareStatement("""
            INSERT INTO grants (tenant_id, id, agent_id, connection_id, scopes, justification, requested_by,
              approved_by, granted_at) VALUES (?, ?, ?, ?, ?, 'needed for the workflow', ?, ?, ?)
            """)) {
          for (int i = first; i < to; i++) {
            int agent = i % size.agents();
            g.setString(1, tenant.id());
            g.setString(2, grant(i));
            g.setString(3, agent(agent));
            g.setString(4, connection(connectionOf(i, size)));
            g.setString(5, i % 10_000 == 9_999 ? "[\"crm:*\"]" : "[\"crm:read\"]");
            g.setString(6, user(agent));
            g.setString(7, user(agent + 1));
            time(g, 8, granted);
            g.addBatch();
          }
          g.executeBatch();
        }
      });
    }
  }

  /**
   * Reported actions over the last 30 days, each the entry ingest would append, with a signed
   * checkpoint every 50 minutes of their time. Action i falls under grant i mod grants, so
   * every grant is used; one in 100,000 is outside every grant.
   */
  private void events(Handle h, Size size, Instant now) {
    events(h, size, 0, size.events(), now.minus(HISTORY), HISTORY.minusMinutes(5).toMillis(), null);
  }

  /**
   * Appends actions {@code size.events()} onwards, {@code count} of them that happened over the
   * {@code span} before now and are stored now, as a reporter sending late would (the same
   * grants and agents, none outside every grant before action 20,050,000), with a checkpoint at
   * the end.
   */
  void more(Size size, long count, Duration span) {
    Instant now = tenant.clock().instant();
    tenant.jdbi().useHandle(h -> events(h, size, size.events(), count, now.minus(span), span.toMillis(), now));
  }

  /**
   * Actions {@code from} to {@code from + count - 1} at even steps over {@code spanMillis} from
   * {@code first}, each stored {@code storedAt} (null: as it happened).
   */
  private void events(Handle h, Size size, long from, long count, Instant first, long spanMillis, Instant storedAt) {
    CheckpointSigner signer = CheckpointSigner.loadOrCreate(tenant.jdbi(), tenant.master(), tenant.clock());
    BackfillAppender appender = new BackfillAppender();
    Instant nextCheckpoint = first.plus(CHECKPOINT_EVERY);
    List<BackfillAppender.Dated> batch = new ArrayList<>(BATCH);
    for (long n = 0; n < count; n++) {
      Instant at = first.plusMillis(n * spanMillis / count);
      batch.add(storedAt == null ? action(from + n, at, size) : action(from + n, at, storedAt, size));
      boolean checkpoint = storedAt == null ? !at.isBefore(nextCheckpoint) || n == count - 1 : n == count - 1;
      if (checkpoint) nextCheckpoint = nextCheckpoint.plus(CHECKPOINT_EVERY);
      if (checkpoint || batch.size() == BATCH) {
        h.useTransaction(t -> {
          List<AuditEntry> stored = appender.append(t, tenant.id(), batch);
          if (checkpoint) {
            AuditEntry head = stored.get(stored.size() - 1);
            Instant issued = head.time().plusSeconds(30);
            String note = signer.signNote(Checkpoint.body(tenant.id(), head.seq(), head.hash(), issued));
            t.attach(CheckpointDao.class).insert(new Checkpoint(tenant.id(), head.seq(), head.hash(), issued, note));
          }
        });
        batch.clear();
      }
    }
  }

  private static void time(PreparedStatement ps, int index, Instant time) throws SQLException {
    ps.setObject(index, time.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
  }

  static String user(int i) {
    return "usr_bench" + (i % USERS);
  }

  static String grant(int i) {
    return "gra_bench" + i;
  }

  /** Grant i's connection: an agent's grants sit on distinct connections. */
  private static int connectionOf(int grant, Size size) {
    return (grant / size.agents()) % CONNECTIONS;
  }
}
