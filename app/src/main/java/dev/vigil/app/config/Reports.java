package dev.vigil.app.config;

import dev.vigil.app.jobs.ReportJobs;
import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.CredentialVault;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.exceptions.ExceptionStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.reports.ReportStore;
import dev.vigil.collectors.tenancy.PasswordHasher;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Family;
import dev.vigil.reports.ReportGenerator;
import dev.vigil.reports.load.ReportReader;
import dev.vigil.reports.load.Sources;
import dev.vigil.reports.pack.PeriodReport;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Type II reports in the service: their state, and the jobs that generate them in the background. */
public record Reports(ReportStore store, ReportJobs jobs) {

  /** How often a node says it still generates its report and looks at the shared queue. */
  public static final Duration BEAT = Duration.ofSeconds(20);

  /**
   * @param dir where report files go (shared by every node)
   * @param node this node's lasting name ({@link NodeName})
   */
  public static Reports build(Environment environment, Path dir, String node, Jdbi jdbi, AuditTrail audit,
      MasterKey masterKey, Catalog catalog, Map<Family, Duration> schedules, Ids ids, Clock clock) {
    ReportStore store = new ReportStore(new AuditedWrites(jdbi, audit.appender(), ids, clock));
    ReportGenerator generator = generator(jdbi, audit.appender(), audit.checkpoints(), masterKey, catalog, schedules,
        ids, clock);
    ReportJobs jobs = new ReportJobs(store, generator, dir, node, BEAT, clock);
    environment.lifecycle().manage(jobs);
    return new Reports(store, jobs);
  }

  /**
   * The generator over {@code jdbi}: the loader reads through the stores (which write through
   * {@code appender} only where a store writes, which reading never does) and the checkpoint
   * store, which signs the checkpoint at a period's last entry when none exists.
   */
  public static ReportGenerator generator(Jdbi jdbi, AuditAppender appender, CheckpointStore checkpoints,
      MasterKey masterKey, Catalog catalog, Map<Family, Duration> schedules, Ids ids, Clock clock) {
    AuditedWrites writes = new AuditedWrites(jdbi, appender, ids, clock);
    TokenStore tokens = new TokenStore(jdbi, appender, ids, new TokenSecrets(), clock);
    ConnectionStore connections = new ConnectionStore(jdbi, appender, new TenantKeysets(jdbi, masterKey, appender,
        clock), new CredentialVault(), ids, clock);
    ControlQueries queries = new ControlQueries(jdbi);
    Sources sources = new Sources(jdbi, new TenantStore(jdbi, appender, tokens, ids, clock), queries,
        new ExceptionStore(writes), checkpoints, new AgentStore(jdbi, appender, tokens, ids, clock), connections,
        new VendorStore(writes), new IncidentStore(writes),
        new UserStore(jdbi, appender, ids, new PasswordHasher(), clock));
    return new PeriodReport(new ReportReader(sources, catalog, schedules), new AuditLog(jdbi), checkpoints);
  }
}
