package dev.vigil.collectors.testing;

import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditListeners;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.CredentialVault;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.exceptions.ExceptionStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.tenancy.PasswordHasher;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.vendors.VendorStore;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Every store over one test database, wired as the service wires them, with a fresh master key. */
public record TestStores(
    TokenStore tokens,
    TenantStore tenants,
    UserStore users,
    AgentStore agents,
    VendorStore vendors,
    TenantKeysets keysets,
    ConnectionStore connections,
    GrantStore grants,
    ExceptionStore exceptions,
    IncidentStore incidents,
    AuditLog auditLog,
    AuditAppender audit,
    AuditListeners listeners,
    MasterKey master,
    Ids ids) {

  public static TestStores on(TestDb db, Clock clock) {
    return on(db.jdbi(), clock);
  }

  /** The stores over a database another process migrated and owns, such as a test's child JVM. */
  public static TestStores on(Jdbi jdbi, Clock clock) {
    java.nio.file.Path keyDir = TempDirs.create("vigil-key");
    MasterKey master = MasterKey.generate(keyDir.resolve("master.json"));
    // The key is read once, here; nothing needs the file afterwards.
    TempDirs.delete(keyDir);
    return on(jdbi, clock, master);
  }

  /** The stores with {@code master} as their master key, e.g. one read from a key file under test. */
  public static TestStores on(Jdbi jdbi, Clock clock, MasterKey master) {
    Ids ids = new Ids(clock);
    AuditListeners listeners = new AuditListeners();
    AuditAppender audit = new AuditAppender(clock, listeners);
    TokenStore tokens = new TokenStore(jdbi, audit, ids, new TokenSecrets(), clock);
    TenantKeysets keysets = new TenantKeysets(jdbi, master, audit, clock);
    AuditedWrites writes = new AuditedWrites(jdbi, audit, ids, clock);
    return new TestStores(
        tokens,
        new TenantStore(jdbi, audit, tokens, ids, clock),
        new UserStore(jdbi, audit, ids, new PasswordHasher(), clock),
        new AgentStore(jdbi, audit, tokens, ids, clock),
        new VendorStore(writes),
        keysets,
        new ConnectionStore(jdbi, audit, keysets, new CredentialVault(), ids, clock),
        new GrantStore(writes),
        new ExceptionStore(writes),
        new IncidentStore(writes),
        new AuditLog(jdbi),
        audit,
        listeners,
        master,
        ids);
  }
}
