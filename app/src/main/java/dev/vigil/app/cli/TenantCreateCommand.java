package dev.vigil.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.VigilConfiguration;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.controls.audit.Actor;
import io.dropwizard.db.ManagedDataSource;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code tenant-create --name NAME config.yml}: creates a tenant with its audit chain and first
 * admin token, and prints one JSON line {@code {"tenantId", "adminToken"}} to stdout. Works
 * while a server runs on the same data dir (H2 opens in AUTO_SERVER mode).
 */
public final class TenantCreateCommand extends VigilCommand {

  public TenantCreateCommand() {
    super("tenant-create", "Creates a tenant and prints its first admin token as JSON",
        "tenant-create --name NAME config.yml");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--name").required(true).help("the tenant's display name");
  }

  @Override
  protected void run(Namespace namespace, VigilConfiguration config) throws Exception {
    String name = namespace.getString("name");
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("--name must be 1 to 200 characters");
    }
    ManagedDataSource dataSource = config.database().buildForCommand(config.dataDir());
    try {
      Jdbi jdbi = Jdbis.configure(Jdbi.create(dataSource));
      Clock clock = Clock.tickMillis(ZoneOffset.UTC);
      Ids ids = new Ids(clock);
      AuditAppender audit = new AuditAppender(clock);
      TokenStore tokens = new TokenStore(jdbi, audit, ids, new TokenSecrets(), clock);
      TenantStore.Created created = new TenantStore(jdbi, audit, tokens, ids, clock)
          .create(name, new Actor("cli", "tenant-create"));
      Map<String, String> line = new LinkedHashMap<>();
      line.put("tenantId", created.tenant().id());
      line.put("adminToken", created.adminToken().secret());
      System.out.println(new ObjectMapper().writeValueAsString(line));
    } finally {
      dataSource.stop();
    }
  }
}
