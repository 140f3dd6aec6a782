package dev.vigil.app.cli;

import dev.vigil.app.VigilConfiguration;
import dev.vigil.app.config.EvidenceFactory;
import dev.vigil.app.config.IndexLock;
import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.CredentialVault;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.evidence.docs.EvidenceReader;
import dev.vigil.evidence.follow.Progress;
import io.dropwizard.db.ManagedDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.apache.lucene.store.LockObtainFailedException;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code reindex [--tenant ID] config.yml}: rebuilds the evidence index of one tenant, or of
 * every tenant, from the audit chain, with the server stopped, printing each rebuild's
 * progress to stdout. Exits 0 when every rebuild is done, 1 when one failed or the command
 * could not run (an unknown tenant, a bad configuration, no database, a node set to keep no
 * index), and 2 when a running server holds the index: that server rebuilds through
 * {@code POST /api/v1/evidence/reindex}.
 */
public final class ReindexCommand extends VigilCommand {

  /** The exit code when another process holds the index. */
  public static final int INDEX_IN_USE = 2;

  public ReindexCommand() {
    super("reindex", "Rebuilds the evidence index from the audit chain (server stopped)",
        "reindex [--tenant ID] config.yml");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--tenant").help("the tenant whose index to rebuild; every tenant when absent");
  }

  @Override
  protected void run(Namespace namespace, VigilConfiguration config) throws Exception {
    // Such a node's server never reads an index: one built here would only go stale on disk.
    if (!config.evidence().enabled()) {
      throw new CommandFailed(1, EvidenceFactory.NOT_KEPT + ": run the command on a node that keeps one");
    }
    Path root = EvidenceFactory.indexDir(config.dataDir());
    try (IndexLock lock = lock(root)) {
      ManagedDataSource dataSource = config.database().buildForCommand(config.dataDir());
      try {
        Jdbi jdbi = Jdbis.configure(Jdbi.create(dataSource));
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        MasterKey masterKey = config.crypto().build(config.dataDir());
        try (EvidenceFactory.Indexing indexing = config.evidence().indexing(config.dataDir(), jdbi,
            sources(jdbi, masterKey, clock), clock)) {
          rebuild(indexing, namespace.getString("tenant"),
              new ProgressPrinter(System.out, System.console() != null, clock));
        }
      } finally {
        dataSource.stop();
      }
    }
  }

  private static IndexLock lock(Path root) throws Exception {
    try {
      return IndexLock.obtain(root);
    } catch (LockObtainFailedException e) {
      throw new CommandFailed(INDEX_IN_USE, "the evidence index in " + root + " is held by a running server; "
          + "rebuild through it instead: POST /api/v1/evidence/reindex with an admin token of the tenant");
    }
  }

  /** Rebuilds {@code only}, or every tenant with a chain, one after the other. */
  private static void rebuild(EvidenceFactory.Indexing indexing, String only, ProgressPrinter printer)
      throws CommandFailed {
    List<String> tenants = indexing.reindexer().tenants();
    if (only != null) {
      if (!tenants.contains(only)) throw new CommandFailed(1, "no tenant " + only + " has an audit chain here");
      tenants = List.of(only);
    }
    int failed = 0;
    for (String tenantId : tenants) {
      if (indexing.reindexer().rebuild(tenantId, printer).state().equals(Progress.FAILED)) failed++;
    }
    if (failed > 0) throw new CommandFailed(1, failed + " of " + tenants.size() + " rebuilds failed (above)");
    System.out.println("rebuilt the evidence index of " + tenants.size() + " tenant(s)");
  }

  /**
   * The stores the index reads, for reading only: their appender is never written through,
   * and the master key is only held (the index shows no credential).
   */
  private static EvidenceReader.Sources sources(Jdbi jdbi, MasterKey masterKey, Clock clock) {
    Ids ids = new Ids(clock);
    AuditAppender appender = new AuditAppender(clock);
    AuditedWrites writes = new AuditedWrites(jdbi, appender, ids, clock);
    TokenStore tokens = new TokenStore(jdbi, appender, ids, new TokenSecrets(), clock);
    ConnectionStore connections = new ConnectionStore(jdbi, appender, new TenantKeysets(jdbi, masterKey, appender,
        clock), new CredentialVault(), ids, clock);
    return new EvidenceReader.Sources(new AgentStore(jdbi, appender, tokens, ids, clock), new GrantStore(writes),
        connections, new VendorStore(writes), new IncidentStore(writes), new ControlQueries(jdbi));
  }
}
