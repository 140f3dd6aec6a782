package dev.vigil.collectors.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.testing.Poll;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.ReviewDecision;
import dev.vigil.controls.model.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The guarantee decisions from memory keep: once a revocation (of a grant, an agent, a token,
 * a connection or its credential) is acknowledged, no later-acknowledged decision on any node
 * allows what it removed. Two nodes (each its own stores, view and group commit over the one
 * database) decide from many threads while revocations run on both; then every acknowledged
 * decision is checked twice: against the chain (no allow after, in seq order, the entry of a
 * revocation it relies on) and against the calls (no allow of a revoked thing by a decision
 * asked after the revocation returned). A grant created on one node is allowed on the other
 * by any decision asked after its creation returned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RevocationGuaranteeContract {

  static final Actor ADMIN = new Actor("token", "tok_admin");
  static final int AGENTS = 8;
  static final int CONNECTIONS = 3;
  static final int DECIDERS_PER_NODE = 6;
  /** Decisions acknowledged between two revocations, so each lands among decisions in flight. */
  static final int DECISIONS_BETWEEN = 40;

  private TestDb db;
  private final List<Node> nodes = new ArrayList<>();

  /** One service instance: its own stores, view and group commit, over the shared database. */
  private record Node(TestStores stores, AppendPipeline pipeline, DecisionStore decisions) {}

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    TestStores first = TestStores.on(db, clock);
    for (int n = 0; n < 2; n++) {
      TestStores stores = n == 0 ? first : TestStores.on(db.jdbi(), clock, first.master());
      AppendPipeline pipeline = new AppendPipeline(db.jdbi(), stores.audit(), 2, 1000, Duration.ofSeconds(30));
      nodes.add(new Node(stores, pipeline, new DecisionStore(db.jdbi(), pipeline, stores.connections(),
          new DecisionView(db.jdbi(), 1000), stores.ids(), clock, Duration.ofMinutes(15))));
    }
  }

  @AfterAll
  void close() throws Exception {
    for (Node n : nodes) n.pipeline().close();
    if (db != null) db.close();
  }

  /** An acknowledged decision: what the caller was told, and when it asked (in revocation ticks). */
  private record Ack(String decisionId, long seq, boolean allowed, String grantId, String agentId,
      String connectionId, String tokenId, boolean lease, long askedAfterTick) {}

  /** A revocation that returned at {@code tick}: what no later decision may rely on. */
  private record Revoked(long tick, Set<String> grants, Set<String> agents, Set<String> tokens,
      Set<String> connections, Set<String> credentials) {}

  @Test
  void noDecisionAllowsWhatAnAcknowledgedRevocationRemovedOnEitherNode() throws Exception {
    var estate = new Estate(nodes.get(0).stores());
    AtomicLong tick = new AtomicLong();
    AtomicLong acknowledged = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(2 * DECIDERS_PER_NODE);
    List<Future<?>> deciders = new ArrayList<>();
    for (Node node : nodes) {
      for (int d = 0; d < DECIDERS_PER_NODE; d++) {
        deciders.add(pool.submit(() -> {
          while (running.get()) {
            decide(node, estate, tick.get()).ifPresent(acks::add);
            acknowledged.incrementAndGet();
          }
          return null;
        }));
      }
    }
    List<Revoked> revoked = new ArrayList<>();
    Map<String, Long> created = new HashMap<>();
    try {
      List<Consumer<Node>> revocations = estate.revocations(revoked, created, tick);
      for (int i = 0; i < revocations.size(); i++) {
        long before = acknowledged.get();
        Poll.until(Duration.ofSeconds(30), acknowledged::get, n -> n >= before + DECISIONS_BETWEEN);
        revocations.get(i).accept(nodes.get(i % 2));
      }
      long last = acknowledged.get();
      Poll.until(Duration.ofSeconds(30), acknowledged::get, n -> n >= last + DECISIONS_BETWEEN);
    } finally {
      running.set(false);
      pool.shutdown();
    }
    for (Future<?> f : deciders) f.get();

    List<AuditEntry> chain = nodes.get(0).stores().auditLog().after(estate.tenant, 0, 1_000_000);
    Map<String, AuditEntry> byDecision = new HashMap<>();
    for (AuditEntry e : chain) {
      if (e.data().has("decisionId")) byDecision.put(e.data().get("decisionId").asText(), e);
    }
    assertThat(acks).hasSizeGreaterThan(DECISIONS_BETWEEN * revoked.size());
    for (Ack a : acks) {
      AuditEntry e = byDecision.get(a.decisionId());
      assertThat(e).as("decision %s is in the chain before it was answered", a.decisionId()).isNotNull();
      assertThat(e.seq()).isEqualTo(a.seq());
      assertThat(e.data().get("decision").asText()).as("what %s was told", a).isEqualTo(a.allowed() ? "allow" : "deny");
    }
    assertThat(acks.stream().filter(Ack::allowed).count()).as("allows").isPositive();
    assertThat(acks.stream().filter(a -> !a.allowed()).count()).as("denies").isPositive();
    checkChainOrder(chain);
    for (Revoked r : revoked) {
      for (Ack a : acks) {
        if (!a.allowed() || a.askedAfterTick() < r.tick()) continue;
        assertThat(relies(a, r)).as("%s, asked after revocation %s returned, allows what it removed", a, r)
            .isFalse();
      }
    }
    created.forEach((grant, at) -> assertThat(acks.stream()
        .filter(a -> a.askedAfterTick() >= at && !a.lease() && a.agentId().equals(estate.grantAgent.get(grant))
            && a.connectionId().equals(estate.grantConnection.get(grant)))
        .allMatch(a -> a.allowed() && a.grantId().equals(grant)))
        .as("decisions asked after grant %s was created allow by it, on both nodes", grant).isTrue());
  }

  private static boolean relies(Ack a, Revoked r) {
    return r.grants().contains(a.grantId()) || r.agents().contains(a.agentId()) || r.tokens().contains(a.tokenId())
        || r.connections().contains(a.connectionId()) || (a.lease() && r.credentials().contains(a.connectionId()));
  }

  /**
   * Replays the chain in seq order: an allowed decision or lease must not come after the entry
   * that revoked its grant, agent, token, connection or (for a lease) credential.
   */
  private static void checkChainOrder(List<AuditEntry> chain) {
    Set<String> grants = new HashSet<>();
    Set<String> agents = new HashSet<>();
    Set<String> tokens = new HashSet<>();
    Set<String> connections = new HashSet<>();
    Set<String> credentials = new HashSet<>();
    for (AuditEntry e : chain) {
      var data = e.data();
      switch (e.kind()) {
        case "grant.revoked" -> grants.add(e.subject());
        case "agent.status_changed" -> {
          if (!data.get("to").asText().equals("active")) agents.add(e.subject());
          data.path("revokedGrants").forEach(g -> grants.add(g.asText()));
          data.path("revokedTokens").forEach(t -> tokens.add(t.asText()));
        }
        case "access_review.recorded" -> data.path("revokedGrants").forEach(g -> grants.add(g.asText()));
        case "token.revoked" -> tokens.add(e.subject());
        case "connection.retired" -> {
          connections.add(e.subject());
          data.path("revokedGrants").forEach(g -> grants.add(g.asText()));
        }
        case "credential.deleted" -> credentials.add(e.subject());
        case "decision", "credential.leased" -> {
          if (!data.get("decision").asText().equals("allow")) break;
          assertThat(grants).as("entry %d allows by a grant revoked before it", e.seq())
              .doesNotContain(data.get("grantId").asText());
          assertThat(agents).as("entry %d allows an agent suspended or retired before it", e.seq())
              .doesNotContain(data.get("agentId").asText());
          assertThat(tokens).as("entry %d was asked by a token revoked before it", e.seq())
              .doesNotContain(e.actor().id());
          assertThat(connections).as("entry %d allows on a connection retired before it", e.seq())
              .doesNotContain(data.get("connectionId").asText());
          if (e.kind().equals("credential.leased")) {
            assertThat(credentials).as("entry %d leases a credential deleted before it", e.seq())
                .doesNotContain(data.get("connectionId").asText());
          }
        }
        default -> { }
      }
    }
  }

  /** One decision as the service makes it: authenticate the agent's token, then decide or lease. */
  private static java.util.Optional<Ack> decide(Node node, Estate estate, long tickBefore) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int agent = random.nextInt(AGENTS);
    String connection = estate.connections.get(random.nextInt(CONNECTIONS));
    String secret = estate.tokens.get(agent).secret();
    var caller = node.stores().tokens().authenticateAt(secret);
    if (caller.isEmpty()) return java.util.Optional.empty();
    Actor actor = new Actor("token", caller.get().token().id());
    String agentId = estate.agents.get(agent);
    long version = caller.get().policyVersion();
    boolean lease = random.nextInt(4) == 0;
    if (lease) {
      try {
        DecisionStore.Lease l = node.decisions().lease(estate.tenant, actor, version, agentId, connection, "crm:read");
        var r = l.recorded();
        return java.util.Optional.of(new Ack(r.decisionId(), r.seq(), r.decision().allowed(), r.decision().grantId(),
            agentId, connection, actor.id(), true, tickBefore));
      } catch (Rejected refused) {
        return java.util.Optional.empty();
      }
    }
    var r = node.decisions().authorize(estate.tenant, actor, version, agentId, connection, "crm:read", "acct/1");
    return java.util.Optional.of(new Ack(r.decisionId(), r.seq(), r.decision().allowed(), r.decision().grantId(),
        agentId, connection, actor.id(), false, tickBefore));
  }

  /** A tenant with agents, each with a token and a grant on every connection, which has a credential. */
  private static final class Estate {
    final String tenant;
    final String owner;
    final String approver;
    final List<String> agents = new ArrayList<>();
    final List<TokenStore.Issued> tokens = new ArrayList<>();
    final List<String> connections = new ArrayList<>();
    final Map<String, String> grantAgent = new HashMap<>();
    final Map<String, String> grantConnection = new HashMap<>();
    final Map<String, String> grantOf = new HashMap<>();

    Estate(TestStores s) {
      tenant = s.tenants().create("Guarantee " + System.nanoTime(), ADMIN).tenant().id();
      owner = s.users().create(tenant, ADMIN, "o@acme.example", "Olive", Role.ADMIN, "a long enough password").id();
      approver = s.users().create(tenant, ADMIN, "a@acme.example", "Ann", Role.ADMIN, "a long enough password").id();
      String vendor = s.vendors().create(tenant, ADMIN, "Salesforce", Criticality.MEDIUM, "CRM", "contacts").id();
      for (int c = 0; c < CONNECTIONS; c++) {
        String id = s.connections().create(tenant, ADMIN, "CRM " + c, "crm", vendor, "https://acme.example/" + c).id();
        s.connections().storeCredential(tenant, ADMIN, id, "secret-" + c);
        connections.add(id);
      }
      for (int a = 0; a < AGENTS; a++) {
        String agent = s.agents().create(tenant, ADMIN, "agent " + a, owner, "works").id();
        agents.add(agent);
        tokens.add(s.agents().issueToken(tenant, ADMIN, agent, null));
        // Agent 6 starts without a grant on connection 0: one is created while deciding.
        for (String c : connections) if (a != 6 || !c.equals(connections.get(0))) grant(s, agent, c);
      }
    }

    String grant(TestStores s, String agent, String connection) {
      String id = s.grants().create(tenant, ADMIN, agent, new GrantStore.NewGrant(connection, List.of("crm:*"),
          "works", owner, approver, null)).id();
      grantAgent.put(id, agent);
      grantConnection.put(id, connection);
      grantOf.put(agent + "/" + connection, id);
      return id;
    }

    /**
     * The revocations, each run on a node in turn; each records what it removed and the tick at
     * which it returned. One grant creation among them records when it returned.
     */
    List<Consumer<Node>> revocations(List<Revoked> revoked, Map<String, Long> created, AtomicLong tick) {
      List<Consumer<Node>> all = new ArrayList<>();
      for (int a = 0; a < 2; a++) {
        String grant = grantOf.get(agents.get(a) + "/" + connections.get(a));
        String agent = agents.get(a);
        all.add(n -> {
          n.stores().grants().revoke(tenant, ADMIN, agent, grant);
          revoked.add(new Revoked(tick.incrementAndGet(), Set.of(grant), Set.of(), Set.of(), Set.of(), Set.of()));
        });
      }
      all.add(n -> {
        String id = grant(n.stores(), agents.get(6), connections.get(0));
        created.put(id, tick.incrementAndGet());
      });
      all.add(n -> {
        n.stores().agents().changeStatus(tenant, ADMIN, agents.get(2), AgentStatus.SUSPENDED);
        revoked.add(new Revoked(tick.incrementAndGet(), Set.of(), Set.of(agents.get(2)), Set.of(), Set.of(), Set.of()));
      });
      all.add(n -> {
        n.stores().tokens().revoke(tenant, ADMIN, tokens.get(3).token().id());
        revoked.add(new Revoked(tick.incrementAndGet(), Set.of(), Set.of(), Set.of(tokens.get(3).token().id()),
            Set.of(), Set.of()));
      });
      all.add(n -> {
        n.stores().connections().deleteCredential(tenant, ADMIN, connections.get(1));
        revoked.add(new Revoked(tick.incrementAndGet(), Set.of(), Set.of(), Set.of(), Set.of(),
            Set.of(connections.get(1))));
      });
      all.add(n -> {
        n.stores().grants().review(tenant, ADMIN, agents.get(4), approver, ReviewDecision.REVOKE, "no longer needed");
        Set<String> grants = new HashSet<>();
        for (String c : connections) grants.add(grantOf.get(agents.get(4) + "/" + c));
        revoked.add(new Revoked(tick.incrementAndGet(), grants, Set.of(), Set.of(), Set.of(), Set.of()));
      });
      all.add(n -> {
        n.stores().agents().changeStatus(tenant, ADMIN, agents.get(5), AgentStatus.RETIRED);
        revoked.add(new Revoked(tick.incrementAndGet(), Set.of(), Set.of(agents.get(5)),
            Set.of(tokens.get(5).token().id()), Set.of(), Set.of()));
      });
      all.add(n -> {
        n.stores().connections().retire(tenant, ADMIN, connections.get(2));
        revoked.add(new Revoked(tick.incrementAndGet(), Set.of(), Set.of(), Set.of(), Set.of(connections.get(2)),
            Set.of()));
      });
      return all;
    }
  }
}
