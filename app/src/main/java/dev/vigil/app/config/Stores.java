package dev.vigil.app.config;

import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.CredentialVault;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.decisions.DecisionStore;
import dev.vigil.collectors.decisions.DecisionView;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.exceptions.ExceptionStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.FindingStore;
import dev.vigil.collectors.tenancy.PasswordHasher;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.vendors.VendorStore;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The stores of tenant data, one per aggregate, each writing its changes and their audit entries
 * in one transaction. Nothing to start or stop. Hand each user only the stores it needs.
 */
public record Stores(TokenStore tokens, TenantStore tenants, UserStore users, AgentStore agents,
    TenantKeysets keysets, VendorStore vendors, ConnectionStore connections, GrantStore grants,
    ExceptionStore exceptions, IncidentStore incidents, DecisionStore decisions, EventStore events,
    FindingStore findings) {

  /**
   * The stores over {@code jdbi}: the control plane's append through {@code audit}'s appender,
   * decisions and events through its group commit.
   *
   * @param leaseTtl how long a leased credential may be used before the agent leases again
   * @param viewEntries the most entries the decision view holds in memory
   */
  public static Stores build(Jdbi jdbi, AuditTrail audit, MasterKey masterKey, Duration leaseTtl, long viewEntries,
      Ids ids, Clock clock) {
    return build(jdbi, audit.appender(), audit.pipeline(), masterKey, leaseTtl, viewEntries, ids, clock);
  }

  /** The stores over {@code jdbi}, appending through {@code appender} and the data plane through {@code pipeline}. */
  public static Stores build(Jdbi jdbi, AuditAppender appender, AppendPipeline pipeline, MasterKey masterKey,
      Duration leaseTtl, long viewEntries, Ids ids, Clock clock) {
    AuditedWrites writes = new AuditedWrites(jdbi, appender, ids, clock);
    TokenStore tokens = new TokenStore(jdbi, appender, ids, new TokenSecrets(), clock);
    TenantKeysets keysets = new TenantKeysets(jdbi, masterKey, appender, clock);
    ConnectionStore connections = new ConnectionStore(jdbi, appender, keysets, new CredentialVault(), ids, clock);
    return new Stores(tokens,
        new TenantStore(jdbi, appender, tokens, ids, clock),
        new UserStore(jdbi, appender, ids, new PasswordHasher(), clock),
        new AgentStore(jdbi, appender, tokens, ids, clock),
        keysets,
        new VendorStore(writes),
        connections,
        new GrantStore(writes),
        new ExceptionStore(writes),
        new IncidentStore(writes),
        new DecisionStore(jdbi, pipeline, connections, new DecisionView(jdbi, viewEntries), ids, clock, leaseTtl),
        new EventStore(jdbi, pipeline, clock),
        new FindingStore(writes));
  }
}
