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
import dev.vigil.controls.model.Role;
import io.dropwizard.db.ManagedDataSource;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code token-create --tenant ID --role ROLE --name NAME config.yml}: mints a token for an
 * existing tenant and prints one JSON line {@code {"tenantId", "tokenId", "role", "token"}}, so
 * a lost admin token never means wiping the data. Audited like a token made through the API,
 * by {@code {"type": "cli", "id": "token-create"}}: whoever can run it holds the database and
 * the master key already. Works while a server runs on the same data dir.
 */
public final class TokenCreateCommand extends VigilCommand {

  /** The roles a token made here may have: agent tokens belong to an agent, made through the API. */
  private static final List<String> ROLES = Arrays.stream(Role.values()).filter(r -> r != Role.AGENT)
      .map(Role::wire).toList();

  public TokenCreateCommand() {
    super("token-create", "Mints a token for an existing tenant and prints it as JSON",
        "token-create --tenant ID --role admin --name NAME config.yml");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--tenant").required(true).help("the tenant's id (ten_...)");
    subparser.addArgument("--role").required(true).choices(ROLES).help("what the token may do");
    subparser.addArgument("--name").required(true).help("what the token is for, shown when tokens are listed");
  }

  @Override
  protected void run(Namespace namespace, VigilConfiguration config) throws Exception {
    String tenantId = namespace.getString("tenant");
    String name = namespace.getString("name");
    if (name.isBlank() || name.length() > 200) throw new IllegalArgumentException("--name must be 1 to 200 characters");
    Role role = Role.valueOf(namespace.getString("role").toUpperCase(Locale.ROOT));
    ManagedDataSource dataSource = config.database().buildForCommand(config.dataDir());
    try {
      Jdbi jdbi = Jdbis.configure(Jdbi.create(dataSource));
      Clock clock = Clock.tickMillis(ZoneOffset.UTC);
      Ids ids = new Ids(clock);
      AuditAppender audit = new AuditAppender(clock);
      TokenStore tokens = new TokenStore(jdbi, audit, ids, new TokenSecrets(), clock);
      if (new TenantStore(jdbi, audit, tokens, ids, clock).find(tenantId).isEmpty()) {
        throw new IllegalArgumentException("no tenant " + tenantId + " in this database");
      }
      TokenStore.Issued issued = tokens.issue(tenantId, new Actor("cli", "token-create"), name.strip(), role);
      Map<String, String> line = new LinkedHashMap<>();
      line.put("tenantId", tenantId);
      line.put("tokenId", issued.token().id());
      line.put("role", role.wire());
      line.put("token", issued.secret());
      System.out.println(new ObjectMapper().writeValueAsString(line));
    } finally {
      dataSource.stop();
    }
  }
}
