package dev.vigil.bench;

import com.codahale.metrics.MetricRegistry;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.CredentialVault;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.decisions.DecisionStore;
import dev.vigil.collectors.decisions.DecisionView;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.decision.Authorizer;
import dev.vigil.controls.decision.Decision;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;

/**
 * Decisions without HTTP, in the bench's own JVM over the server's database, with the service's
 * classes: first the decision alone (the view's entry and the authorizer, what a decision
 * computes before it is recorded), one thread, then the whole {@link DecisionStore#authorize}
 * with its group commit from many threads. The second runs beside the server, whose pipeline
 * is idle meanwhile: both append to the tenant's one chain.
 */
final class InProcessDecisions {

  /** Decision alone: p50 and p99 in µs; recorded decisions: per second, p50 and p99 in ms. */
  record Result(double viewP50Us, double viewP99Us, double perSecond, double p50Ms, double p99Ms) {}

  private InProcessDecisions() {}

  static Result run(String url, String user, String password, MasterKey master, String agentToken, String agentId,
      String connectionId, int clients, int seconds) throws Exception {
    DataSourceFactory factory = new DataSourceFactory();
    factory.setUrl(url);
    factory.setUser(user);
    factory.setPassword(password);
    factory.setDriverClass(url.startsWith("jdbc:postgresql") ? "org.postgresql.Driver" : "org.h2.Driver");
    factory.setMaxSize(clients + 8);
    factory.setMinSize(8);
    factory.setInitialSize(8);
    ManagedDataSource dataSource = factory.build(new MetricRegistry(), "bench-decisions");
    dataSource.start();
    Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    Jdbi jdbi = Jdbis.configure(Jdbi.create(dataSource));
    Ids ids = new Ids(clock);
    AuditAppender appender = new AuditAppender(clock);
    int groupEntries = url.startsWith("jdbc:postgresql") ? 20_000 : 1_000;
    try (AppendPipeline pipeline = new AppendPipeline(jdbi, appender, 4, groupEntries, Duration.ofSeconds(30))) {
      ConnectionStore connections = new ConnectionStore(jdbi, appender, new TenantKeysets(jdbi, master, appender, clock),
          new CredentialVault(), ids, clock);
      DecisionView view = new DecisionView(jdbi, DecisionStore.DEFAULT_VIEW_ENTRIES);
      DecisionStore decisions = new DecisionStore(jdbi, pipeline, connections, view, ids, clock, Duration.ofMinutes(15));
      TokenStore.Authenticated caller = new TokenStore(jdbi, appender, ids, new TokenSecrets(), clock)
          .authenticateAt(agentToken).orElseThrow();
      String tenant = caller.token().tenantId();
      Actor actor = new Actor("token", caller.token().id());

      // The decision alone, as DecisionStore makes it before handing it to the group commit.
      long[] alone = new long[1_000_000];
      int allowed = 0;
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < alone.length; i++) {
          long t0 = System.nanoTime();
          DecisionView.Facts facts = view.facts(tenant, agentId, connectionId);
          Decision d = Authorizer.decide(facts.agent(), facts.connection().isPresent(), facts.grants(), "crm:read",
              clock.instant());
          alone[i] = System.nanoTime() - t0;
          if (d.allowed()) allowed++;
        }
      }
      if (allowed != 2 * alone.length) throw new IllegalStateException("the bench agent's decisions were not all allowed");
      Arrays.sort(alone);

      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<long[]> latencies = new ArrayList<>();
      for (int phase = 0; phase < 2; phase++) {
        // A warm-up of a third of the time, then the timed run.
        long end = System.nanoTime() + (phase == 0 ? seconds / 3 + 1 : seconds) * 1_000_000_000L;
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          results.add(pool.submit(() -> {
            long[] l = new long[1 << 20];
            int n = 0;
            while (System.nanoTime() < end && n < l.length) {
              long t0 = System.nanoTime();
              decisions.authorize(tenant, actor, caller.policyVersion(), agentId, connectionId, "crm:read", "acct/1");
              l[n++] = System.nanoTime() - t0;
            }
            return Arrays.copyOf(l, n);
          }));
        }
        latencies.clear();
        for (Future<long[]> r : results) latencies.add(r.get());
      }
      pool.shutdown();
      long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Result(alone[alone.length / 2] / 1e3, alone[(int) (alone.length * 0.99)] / 1e3,
          all.length / (double) seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
    } finally {
      dataSource.stop();
    }
  }
}
