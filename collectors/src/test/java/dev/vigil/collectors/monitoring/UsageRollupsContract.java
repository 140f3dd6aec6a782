package dev.vigil.collectors.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.testing.Poll;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.usage.Hours;
import dev.vigil.collectors.usage.UsageDao;
import dev.vigil.collectors.usage.UsageRollups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The usage rollups against the set-based queries over the chain they replace: after random
 * ingest (events inside and outside grants, at times older than their commit, decisions,
 * leases), revocations, a rebuild, and an updater killed with SIGKILL part way, the rollups
 * equal a recomputation from the chain and every answer the controls read equals the old
 * query's, at the window's edges too.
 */
abstract class UsageRollupsContract extends MonitoringFixture {

  static final Duration DAY = Duration.ofDays(1);
  static final Duration LOOKBACK = Duration.ofHours(24);
  static final Duration UNUSED = Duration.ofDays(30);

  UsageRollups usage;
  String otherAgent;
  String otherConnection;
  final List<Instant> eventTimes = new ArrayList<>();

  @BeforeEach
  void rollups() {
    usage = new UsageRollups(jdbi, 7);
    otherAgent = stores.agents().create(tenant, ADMIN, "crawler", owner, "reads the CRM").id();
    otherConnection = stores.connections().create(tenant, ADMIN, "Mail", "mail",
        stores.vendors().create(tenant, ADMIN, "Mailgun", dev.vigil.controls.model.Criticality.LOW, "mail", "none")
            .id(), "https://api.mailgun.example").id();
    stores.connections().storeCredential(tenant, ADMIN, connection, "sk_live_not_a_secret_here");
    eventTimes.clear();
  }

  @Test
  void aWindowBeforeTheSecondHourOf1970HasNoBuckets() {
    assertThatThrownBy(() -> jdbi.useHandle(h -> usage.actionsSince(h, tenant, Instant.ofEpochSecond(3599))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void answersAreExactBeforeAnythingIsFoldedAndWhileTheRollupsAreBehind() {
    ingestRandomly(new Random(1), 3);
    assertThat(usage.watermark(tenant)).isZero();
    assertAnswersExact();
    usage.catchUp(tenant, clock.instant());
    ingestRandomly(new Random(2), 3);
    assertThat(usage.watermark(tenant)).isLessThan(head());
    assertAnswersExact();
  }

  @Test
  void rollupsEqualARecomputationAfterRandomIngestRevocationsAndRebuilds() {
    Random random = new Random(42);
    usage.catchUp(tenant, clock.instant());
    for (int round = 0; round < 6; round++) {
      ingestRandomly(random, 4);
      if (round == 2) {
        String read = grantOf(agent, "crm:read");
        stores.grants().revoke(tenant, ADMIN, agent, read);
      }
      UsageRollups.CatchUp c = usage.catchUp(tenant, clock.instant());
      assertThat(c.watermark()).isEqualTo(head());
      assertThat(c.batches()).as("batches of at most 7 entries").isGreaterThanOrEqualTo((int) (c.folded() / 7));
      assertThat(usage.stored(tenant)).isEqualTo(usage.recomputed(tenant, head()));
      assertAnswersExact();
    }
    UsageRollups.Contents incremental = usage.stored(tenant);
    assertThat(incremental.outsideHours()).as("the random ingest left actions outside every grant").isNotEmpty();
    UsageRollups.CatchUp rebuilt = usage.rebuild(tenant, clock.instant());
    assertThat(rebuilt.watermark()).isEqualTo(head());
    assertThat(usage.stored(tenant)).as("the rebuild gives the same rollups").isEqualTo(incremental);
    assertAnswersExact();
  }

  @Test
  void anUpdaterKilledWithSigkillPartWayResumesWithoutLosingOrCountingTwice() throws Exception {
    usage.catchUp(tenant, clock.instant());
    Random random = new Random(7);
    Path log = Files.createTempFile("vigil-usage-killed", ".log");
    try (ChildDatabase child = new ChildDatabase()) {
      for (int kill = 1; kill <= 2; kill++) {
        for (int i = 0; i < 40; i++) ingestRandomly(random, 5);
        long before = usage.watermark(tenant);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), UsageUpdaterProcess.class.getName(), child.url, db.user(), tenant)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
          Poll.until(Duration.ofSeconds(60), () -> {
            assertThat(p.isAlive()).as("the updater runs; its log: %s", log).isTrue();
            return usage.watermark(tenant);
          }, w -> w > before);
        } finally {
          p.destroyForcibly(); // SIGKILL: the open batch's transaction dies with it
          assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(usage.watermark(tenant)).as("killed part way").isLessThan(head());
      }
    } finally {
      Files.deleteIfExists(log);
    }
    usage.catchUp(tenant, clock.instant());
    assertThat(usage.stored(tenant)).isEqualTo(usage.recomputed(tenant, head()));
    assertAnswersExact();
  }

  /** Runs of events (in and outside grants, at times up to 40 days before their commit), decisions and a lease. */
  void ingestRandomly(Random random, int count) {
    if (grantOf(agent, "crm:read") == null) grant("crm:read");
    if (grantOf(agent, "crm:write") == null) grant("crm:write");
    if (random.nextInt(3) == 0) {
      stores.grants().create(tenant, ADMIN, otherAgent, new GrantStore.NewGrant(otherConnection, List.of("mail:send"),
          "newsletters", owner, approver, null));
    }
    clock.advance(Duration.ofMinutes(1 + random.nextInt(600)));
    Instant now = clock.instant();
    String[] actions = {"crm:read", "crm:write", "crm:delete", "mail:send", "mail:purge"};
    List<EventStore.NewEvent> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean mail = random.nextBoolean();
      String action = mail ? actions[3 + random.nextInt(2)] : actions[random.nextInt(3)];
      Instant at = switch (random.nextInt(4)) {
        case 0 -> now.minus(DAY.multipliedBy(random.nextInt(40))).truncatedTo(ChronoUnit.HOURS);
        case 1 -> now.minusSeconds(random.nextInt(3 * 86_400));
        default -> now.minusMillis(random.nextInt(40 * 86_400) * 1000L + random.nextInt(1000));
      };
      batch.add(new EventStore.NewEvent(mail ? otherAgent : agent, mail ? otherConnection : connection, action,
          "acct/" + i, "success", at, null, null));
      eventTimes.add(at);
    }
    events.ingest(tenant, ADMIN, null, batch);
    decisions.authorize(tenant, ADMIN, agent, connection, actions[random.nextInt(3)], "acct/1");
    decisions.lease(tenant, ADMIN, agent, connection, "crm:read");
  }

  /** Compares every answer the controls read with the old query's, at windows around every event and hour edge. */
  void assertAnswersExact() {
    Instant now = clock.instant();
    TreeSet<Instant> sinces = new TreeSet<>(List.of(now.minus(LOOKBACK), now.minus(UNUSED),
        now.minus(LOOKBACK).truncatedTo(ChronoUnit.HOURS), now.minus(LOOKBACK).truncatedTo(ChronoUnit.HOURS)
            .plus(Duration.ofHours(1))));
    for (Instant t : eventTimes) {
      sinces.add(t);
      sinces.add(t.plusNanos(1000));
      sinces.add(t.minusNanos(1000));
      sinces.add(t.truncatedTo(ChronoUnit.HOURS));
    }
    jdbi.useHandle(h -> {
      SnapshotDao old = h.attach(SnapshotDao.class);
      for (Instant since : sinces) {
        Map<String, Instant> expected = new HashMap<>();
        old.grantLastUse(tenant, since).forEach(k -> expected.put(k.key(), k.at()));
        assertThat(usage.grantLastUse(h, tenant, since)).as("last use since %s", since).isEqualTo(expected);
        assertThat(usage.actionsSince(h, tenant, since)).as("actions since %s", since)
            .isEqualTo(old.actionsSince(tenant, since));
        assertThat(usage.actionsOutsideGrants(h, tenant, since)).as("outside since %s", since)
            .isEqualTo(old.actionsOutsideGrants(tenant, since));
      }
      // A watermark read before a fold that committed since only widens what the statement reads by seq.
      Instant since = now.minus(LOOKBACK);
      UsageDao dao = h.attach(UsageDao.class);
      Hours hours = Hours.from(since);
      assertThat(dao.actionsSince(tenant, since, hours.fullFrom(), hours.edgeEnd(), 0))
          .isEqualTo(old.actionsSince(tenant, since));
      assertThat(dao.actionsOutsideGrants(tenant, since, hours.fullFrom(), hours.edgeEnd(), 0))
          .isEqualTo(old.actionsOutsideGrants(tenant, since));
      assertThat(dao.grantLastUse(tenant, since, 0)).containsExactlyInAnyOrderElementsOf(old.grantLastUse(tenant, since));
    });
  }

  String grantOf(String agentId, String scope) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id FROM grants WHERE tenant_id = :t AND agent_id = :a"
        + " AND revoked_at IS NULL AND scopes LIKE :s").bind("t", tenant).bind("a", agentId).bind("s", "%" + scope + "%")
        .mapTo(String.class).findFirst().orElse(null));
  }

  long head() {
    return jdbi.withHandle(h -> h.createQuery("SELECT seq FROM audit_heads WHERE tenant_id = :t").bind("t", tenant)
        .mapTo(Long.class).one());
  }

  /**
   * How the child reaches this test's database: PostgreSQL directly; the in-memory H2 database
   * through a TCP server in this JVM, which holds it.
   */
  private final class ChildDatabase implements AutoCloseable {
    final Server server;
    final String url;

    ChildDatabase() throws Exception {
      if (db.kind() == TestDb.Kind.H2) {
        server = Server.createTcpServer("-tcpPort", "0", "-ifExists").start();
        url = db.url().replace("jdbc:h2:mem:", "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:");
      } else {
        server = null;
        url = db.url();
      }
    }

    @Override
    public void close() {
      if (server != null) server.stop();
    }
  }
}
