package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.controls.audit.Actor;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Two Vigil processes on one PostgreSQL database, as an operator runs them behind a load
 * balancer: same master key, their own data dirs and ports, every family scheduled every
 * second. Ingest through both at once must give one intact chain holding each acknowledged
 * event exactly once; a change made through one node shows on the other; a decision made through
 * A, a node that keeps no evidence index, is found through B; checkpoints are
 * signed one at a time; each scheduled moment is swept once between them; and a node killed
 * mid-sweep (whichever was sweeping) leaves that sweep to the other, which finishes it without
 * running anything twice.
 * (H2 is embedded and single-node, so this runs on PostgreSQL only.)
 */
class TwoNodesTest {

  /**
   * How long a condition may take. Generous: a recovery is the dead node's silence (the check-in
   * interval plus Quartz's 7.5 s), a free worker on the survivor, then the rest of the sweep.
   */
  private static final Duration WITHIN = Duration.ofSeconds(180);
  private static final int WRITERS_PER_NODE = 2;
  private static final int BATCHES = 15;
  private static final int BATCH = 40;
  /** Tenants added for the kill: a sweep held at the middle one has many done and many to go. */
  private static final int TENANTS = 20;

  @Test
  void twoNodesShareOneTenantAndTakeOverEachOthersWork() throws Exception {
    try (TestDb db = TestDb.postgres()) {
      Path keyDir = TempDirs.create("vigil-cluster-key");
      Path dirA = TempDirs.create("vigil-node-a");
      Path dirB = TempDirs.create("vigil-node-b");
      Path key = keyDir.resolve("master.json");
      MasterKey.generate(key); // both nodes must read the same tenant keysets and signing key
      Map<String, String> env = new HashMap<>();
      env.put("VIGIL_DB_URL", db.url());
      env.put("VIGIL_DB_USER", db.user());
      env.put("VIGIL_MASTER_KEY_FILE", key.toString());
      env.put("VIGIL_SCHEDULE_SECONDS", "1");
      env.put("VIGIL_CLUSTER_CHECKIN_SECONDS", "1");
      env.put("VIGIL_REPORTS_DIR", keyDir.resolve("reports").toString()); // shared, as several nodes need
      Map<String, String> envA = new HashMap<>(env);
      envA.put("VIGIL_DATA_DIR", dirA.toString());
      envA.put("VIGIL_EVIDENCE_INDEX", "false"); // a node for decisions: B keeps the index for both
      Map<String, String> envB = new HashMap<>(env);
      envB.put("VIGIL_DATA_DIR", dirB.toString());
      try (ServerProcess a = new ServerProcess(envA); ServerProcess b = new ServerProcess(envB)) {
        a.start();
        JsonNode tenant = Http.JSON.readTree(a.cli("tenant-create", "--name", "Cluster Co",
            VigilServer.CONFIG.toString()).strip());
        String admin = tenant.get("adminToken").asText();
        b.start();
        Instant from = Instant.now();
        Http viaA = new Http(a.port);
        Http viaB = new Http(b.port);
        Fixture f = Fixture.create(viaA, admin, tenant.get("tenantId").asText());

        ingestThroughBoth(db.jdbi(), viaA, viaB, f);
        changeOnOneShowsOnTheOther(viaA, viaB, admin, f);
        decisionOnOneFoundOnTheOther(viaA, viaB, admin, f);
        reportAskedOfOneServedByTheOther(viaA, viaB, admin);
        awaitSweeps(db.jdbi(), from, 3);
        Instant to = Instant.now();
        List<String> nodes = db.jdbi().withHandle(h -> h.createQuery(
            "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'vigil'").mapTo(String.class).list());
        assertThat(nodes).as("both instances checked in to the cluster").hasSize(2);
        sweptOncePerMoment(db.jdbi(), from, to);

        ServerProcess survivor;
        try {
          survivor = killMidSweepAndRecover(db, a, b);
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "\nnode A:\n" + tail(a.output()) + "\nnode B:\n" + tail(b.output()), e);
        }
        Http.Reply verified = new Http(survivor.port).get(admin, "/api/v1/audit/verify");
        assertThat(verified.get("intact").asBoolean()).as(verified.text()).isTrue();
        checkpointsInOrder(db.jdbi());
        assertThat(doubledScheduledRuns(db.jdbi())).as("scheduled moments run twice").isZero();
      }
      for (Path dir : List.of(keyDir, dirA, dirB)) TempDirs.delete(dir);
    }
  }

  /**
   * Writers on both nodes ingest into one tenant at once; every acknowledged event is in the
   * chain once, at the seqs its answer named, and the chain verifies through either node.
   */
  private static void ingestThroughBoth(Jdbi jdbi, Http viaA, Http viaB, Fixture f) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS_PER_NODE);
    List<Future<List<long[]>>> writers = new ArrayList<>();
    for (int w = 0; w < 2 * WRITERS_PER_NODE; w++) {
      Http node = w % 2 == 0 ? viaA : viaB;
      int writer = w;
      writers.add(pool.submit(() -> {
        List<long[]> acknowledged = new ArrayList<>();
        for (int batch = 0; batch < BATCHES; batch++) {
          Http.Reply r = node.post(f.ingestToken(), "/api/v1/events", f.events(writer, batch));
          assertThat(r.status()).as(r.text()).isEqualTo(202);
          acknowledged.add(new long[] {r.get("firstSeq").asLong(), r.get("lastSeq").asLong(),
              r.get("accepted").asLong()});
        }
        return acknowledged;
      }));
    }
    Set<Long> acknowledgedSeqs = new HashSet<>();
    for (Future<List<long[]>> w : writers) {
      for (long[] ack : w.get()) {
        assertThat(ack[2]).isEqualTo(BATCH);
        for (long seq = ack[0]; seq <= ack[1]; seq++) {
          assertThat(acknowledgedSeqs.add(seq)).as("seq " + seq + " acknowledged twice").isTrue();
        }
      }
    }
    pool.shutdown();
    int sent = 2 * WRITERS_PER_NODE * BATCHES * BATCH;
    assertThat(acknowledgedSeqs).hasSize(sent);
    List<Map<String, Object>> stored = jdbi.withHandle(h -> h.createQuery(
            "SELECT seq, data FROM audit_entries WHERE tenant_id = :t AND kind = 'event'")
        .bind("t", f.tenantId()).mapToMap().list());
    Set<Long> storedSeqs = new HashSet<>();
    Set<String> resources = new HashSet<>();
    for (Map<String, Object> row : stored) {
      storedSeqs.add(((Number) row.get("seq")).longValue());
      resources.add(Http.JSON.readTree((String) row.get("data")).get("resource").asText());
    }
    assertThat(storedSeqs).as("the events in the chain are the acknowledged ones").isEqualTo(acknowledgedSeqs);
    assertThat(resources).as("each sent event once").hasSize(sent);
    for (Http node : List.of(viaA, viaB)) {
      Http.Reply verified = node.get(f.admin(), "/api/v1/audit/verify");
      assertThat(verified.get("intact").asBoolean()).as(verified.text()).isTrue();
    }
  }

  /** A wildcard grant made through A turns AC-1 failing as read through B, nobody calling /run. */
  private static void changeOnOneShowsOnTheOther(Http viaA, Http viaB, String admin, Fixture f) throws Exception {
    await(() -> viaB.get(admin, "/api/v1/controls/AC-1").get("status").asText().equals("passing"),
        "AC-1 passing before the change");
    Http.Reply grant = viaA.post(admin, "/api/v1/agents/" + f.agent() + "/grants", "{\"connectionId\":\""
        + f.connection() + "\",\"scopes\":[\"*\"],\"requestedBy\":\"" + f.owner() + "\",\"approvedBy\":\""
        + f.owner() + "\"}");
    assertThat(grant.status()).as(grant.text()).isEqualTo(201);
    await(() -> viaB.get(admin, "/api/v1/controls/AC-1").get("status").asText().equals("failing"),
        "AC-1 failing on node B after a wildcard grant through node A");
  }

  /**
   * A keeps no evidence index: a decision made through it is found by a search through B, which
   * follows the chain, while A answers the same search 503.
   */
  private static void decisionOnOneFoundOnTheOther(Http viaA, Http viaB, String admin, Fixture f) throws Exception {
    Http.Reply token = viaA.post(admin, "/api/v1/agents/" + f.agent() + "/tokens", "{}");
    assertThat(token.status()).as(token.text()).isEqualTo(201);
    Http.Reply decided = viaA.post(token.get("token").asText(), "/api/v1/authorize", "{\"connectionId\":\""
        + f.connection() + "\",\"action\":\"crm:read\",\"resource\":\"decidedthrougha\"}");
    assertThat(decided.get("decision").asText()).as(decided.text()).isEqualTo("allow");
    String search = "/api/v1/evidence/search?q=decidedthrougha";
    assertThat(viaA.get(admin, search).status()).isEqualTo(503);
    await(() -> viaB.get(admin, search).get("total").asLong() == 1, "the decision made through A found through B");
  }

  /** A report asked through A is generated once, by whichever node, and downloads through B. */
  private static void reportAskedOfOneServedByTheOther(Http viaA, Http viaB, String admin) throws Exception {
    Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Http.Reply asked = viaA.post(admin, "/api/v1/reports", "{\"from\":\"" + to.minus(Duration.ofDays(1))
        + "\",\"to\":\"" + to + "\"}");
    assertThat(asked.status()).as(asked.text()).isEqualTo(202);
    String id = asked.get("id").asText();
    await(() -> viaB.get(admin, "/api/v1/reports/" + id).get("status").asText().equals("done"), "the report done");
    Http.Download pdf = viaB.download(admin, "/api/v1/reports/" + id + "/report.pdf");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  /** Each family swept at least {@code n} times since {@code from}. */
  private static void awaitSweeps(Jdbi jdbi, Instant from, int n) throws Exception {
    await(() -> jdbi.withHandle(h -> h.createQuery("""
            SELECT COUNT(*) FROM (SELECT family FROM control_sweeps
            WHERE scheduled_for >= :from AND finished_at IS NOT NULL GROUP BY family HAVING COUNT(*) >= :n) f
            """).bind("from", Timestamp.from(from)).bind("n", n).mapTo(Integer.class).one() == 5),
        n + " sweeps of each family");
  }

  private static void sweptOncePerMoment(Jdbi jdbi, Instant from, Instant to) {
    long seconds = Duration.between(from, to).toSeconds();
    for (String family : List.of("least-privilege", "encryption", "logging", "vendors", "incidents")) {
      long sweeps = jdbi.withHandle(h -> h.createQuery(
              "SELECT COUNT(*) FROM control_sweeps WHERE family = :f AND scheduled_for >= :from AND scheduled_for < :to")
          .bind("f", family).bind("from", Timestamp.from(from)).bind("to", Timestamp.from(to))
          .mapTo(Long.class).one());
      // Once per second between the two nodes; unclustered, each node would sweep every second.
      assertThat(sweeps).as(family + " sweeps in " + seconds + " s").isBetween(1L, seconds + 1);
    }
  }

  /**
   * The node sweeping least-privilege is killed with part of the tenants done; the other's
   * Quartz notices the silence and resumes that sweep, and every tenant ends with exactly one run
   * of each control for that moment. The test makes that moment rather than waiting for one: it
   * holds the lock of one tenant's usage watermark, which only least-privilege runs take, so the
   * sweep stops at that tenant with the tenants before it done. Returns the node left running.
   */
  private static ServerProcess killMidSweepAndRecover(TestDb db, ServerProcess a, ServerProcess b)
      throws Exception {
    Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    Ids ids = new Ids(clock);
    AuditAppender audit = new AuditAppender(clock);
    TenantStore tenants = new TenantStore(db.jdbi(), audit,
        new TokenStore(db.jdbi(), audit, ids, new TokenSecrets(), clock), ids, clock);
    for (int t = 0; t < TENANTS; t++) tenants.create("Tenant " + t, new Actor("cli", "tenant-create"));
    List<String> ordered = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM tenants ORDER BY id")
        .mapTo(String.class).list()); // the order a sweep goes through them
    int all = ordered.size();
    int before = all / 2;
    String held = ordered.get(before);
    await(() -> db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM usage_watermarks WHERE tenant_id = :t")
        .bind("t", held).mapTo(Integer.class).one() == 1), "a least-privilege run of the tenant to hold");

    Instant at;
    ServerProcess survivor;
    try (Handle lock = db.jdbi().open()) {
      lock.begin();
      lock.createQuery("SELECT seq FROM usage_watermarks WHERE tenant_id = :t FOR UPDATE").bind("t", held)
          .mapTo(Long.class).one();
      Map<String, Object> stopped = awaitValue(() -> db.jdbi().withHandle(h -> h.createQuery("""
              SELECT s.scheduled_for, s.node FROM control_sweeps s
              WHERE s.family = 'least-privilege' AND s.finished_at IS NULL
              AND (SELECT COUNT(DISTINCT r.tenant_id) FROM control_runs r WHERE r.family = s.family
                AND r.scheduled_for = s.scheduled_for AND r.run_trigger = 'SCHEDULE') = :before
              """).bind("before", before).mapToMap().findFirst()), "a least-privilege sweep held at one tenant");
      at = ((Timestamp) stopped.get("scheduled_for")).toInstant();
      boolean onA = ((String) stopped.get("node")).startsWith(a.nodePrefix());
      (onA ? a : b).kill9();
      survivor = onA ? b : a;
      lock.rollback();
    }

    await(() -> db.jdbi().withHandle(h -> h.createQuery("""
            SELECT COUNT(*) FROM control_sweeps WHERE family = 'least-privilege' AND scheduled_for = :at
            AND finished_at IS NOT NULL AND node LIKE :survivor
            """).bind("at", Timestamp.from(at)).bind("survivor", survivor.nodePrefix() + "%").mapTo(Integer.class)
            .one() == 1), "the other node finishing the sweep a killed node stopped in");
    List<Map<String, Object>> perTenant = db.jdbi().withHandle(h -> h.createQuery("""
            SELECT t.id, (SELECT COUNT(*) FROM control_runs r WHERE r.tenant_id = t.id
              AND r.family = 'least-privilege' AND r.scheduled_for = :at AND r.run_trigger = 'SCHEDULE') AS runs
            FROM tenants t
            """).bind("at", Timestamp.from(at)).mapToMap().list());
    assertThat(perTenant).hasSize(all);
    for (Map<String, Object> row : perTenant) {
      assertThat(((Number) row.get("runs")).intValue()).as("least-privilege runs of " + row.get("id") + " at " + at)
          .isEqualTo(6);
    }
    return survivor;
  }

  /** Checkpoints, in size order, were signed in time order: one signer at a time per tenant. */
  private static void checkpointsInOrder(Jdbi jdbi) {
    List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(
        "SELECT tenant_id, size, issued_at FROM checkpoints ORDER BY tenant_id, size").mapToMap().list());
    assertThat(rows).isNotEmpty();
    for (int i = 1; i < rows.size(); i++) {
      if (!rows.get(i).get("tenant_id").equals(rows.get(i - 1).get("tenant_id"))) continue;
      Instant before = ((Timestamp) rows.get(i - 1).get("issued_at")).toInstant();
      Instant after = ((Timestamp) rows.get(i).get("issued_at")).toInstant();
      assertThat(after).as("checkpoint at size " + rows.get(i).get("size")).isAfterOrEqualTo(before);
    }
  }

  private static long doubledScheduledRuns(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT COUNT(*) FROM (SELECT tenant_id, control_id, scheduled_for FROM control_runs
        WHERE run_trigger = 'SCHEDULE' GROUP BY tenant_id, control_id, scheduled_for HAVING COUNT(*) > 1) d
        """).mapTo(Long.class).one());
  }

  private static String tail(String log) {
    return log.substring(Math.max(0, log.length() - 6000));
  }

  /** A condition to poll for; it may act once it holds. */
  private interface Condition {
    boolean holds() throws Exception;
  }

  /** A value to poll for: empty until it is there. */
  private interface Probe<T> {
    Optional<T> value() throws Exception;
  }

  private static void await(Condition condition, String what) throws Exception {
    awaitValue(() -> condition.holds() ? Optional.of(true) : Optional.empty(), what);
  }

  private static <T> T awaitValue(Probe<T> probe, String what) throws Exception {
    Instant deadline = Instant.now().plus(WITHIN);
    while (Instant.now().isBefore(deadline)) {
      Optional<T> value = probe.value();
      if (value.isPresent()) return value.get();
      Thread.sleep(50);
    }
    throw new AssertionError(what + ": not within " + WITHIN);
  }

  /** One agent with a read grant on one connection, and an ingest token. */
  private record Fixture(String admin, String tenantId, String owner, String agent, String connection,
      String ingestToken) {
    static Fixture create(Http http, String admin, String tenantId) {
      String owner = created(http.post(admin, "/api/v1/users", "{\"email\":\"ops@cluster.example\",\"name\":\"Ops\","
          + "\"role\":\"admin\",\"password\":\"cluster password 123\"}"));
      String vendor = created(http.post(admin, "/api/v1/vendors", "{\"name\":\"V\",\"criticality\":\"low\"}"));
      String connection = created(http.post(admin, "/api/v1/connections", "{\"name\":\"CRM\",\"app\":\"crm\","
          + "\"vendorId\":\"" + vendor + "\",\"endpoint\":\"https://crm.example\"}"));
      String agent = created(http.post(admin, "/api/v1/agents", "{\"name\":\"cluster-agent\",\"ownerId\":\"" + owner
          + "\"}"));
      created(http.post(admin, "/api/v1/agents/" + agent + "/grants", "{\"connectionId\":\"" + connection
          + "\",\"scopes\":[\"crm:read\"],\"requestedBy\":\"" + owner + "\",\"approvedBy\":\"" + owner + "\"}"));
      Http.Reply token = http.post(admin, "/api/v1/tokens", "{\"name\":\"ingest\",\"role\":\"ingest\"}");
      assertThat(token.status()).as(token.text()).isEqualTo(201);
      return new Fixture(admin, tenantId, owner, agent, connection, token.get("token").asText());
    }

    private static String created(Http.Reply r) {
      assertThat(r.status()).as(r.text()).isEqualTo(201);
      return r.get("id").asText();
    }

    /** A batch of events that the grant covers, each with a resource no other batch uses. */
    String events(int writer, int batch) {
      StringBuilder b = new StringBuilder("{\"events\":[");
      for (int i = 0; i < BATCH; i++) {
        b.append(i == 0 ? "" : ",").append("{\"agentId\":\"").append(agent).append("\",\"connectionId\":\"")
            .append(connection).append("\",\"action\":\"crm:read\",\"resource\":\"r-").append(writer).append('-')
            .append(batch).append('-').append(i).append("\",\"outcome\":\"success\",\"occurredAt\":\"")
            .append(Instant.now()).append("\"}");
      }
      return b.append("]}").toString();
    }
  }
}
