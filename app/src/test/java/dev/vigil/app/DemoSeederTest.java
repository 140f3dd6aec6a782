package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.app.demo.DemoSeeder;
import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.tenancy.PasswordHasher;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.TokenSecrets;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.ApiToken;
import dev.vigil.controls.model.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoSeederTest {

  @Test
  void anEmptyDatabaseGetsADemoTenantWhosePrintedTokenWorksAndOnlyOnce() {
    try (TestDb db = TestDb.h2()) {
      Clock clock = Clock.systemUTC();
      Ids ids = new Ids(clock);
      AuditAppender audit = new AuditAppender(clock);
      TokenStore tokens = new TokenStore(db.jdbi(), audit, ids, new TokenSecrets(), clock);
      TenantStore tenants = new TenantStore(db.jdbi(), audit, tokens, ids, clock);
      UserStore users = new UserStore(db.jdbi(), audit, ids, new PasswordHasher(), clock);
      AgentStore agents = new AgentStore(db.jdbi(), audit, tokens, ids, clock);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DemoSeeder seeder = new DemoSeeder(tenants, users, agents, new PrintStream(out, true, StandardCharsets.UTF_8));

      assertThat(seeder.seedIfEmpty(8080)).isTrue();
      String printed = out.toString(StandardCharsets.UTF_8);
      Matcher token = Pattern.compile("(vgl_[A-Za-z0-9_-]{43})").matcher(printed);
      assertThat(token.find()).as(printed).isTrue();
      ApiToken admin = tokens.authenticate(token.group(1)).orElseThrow();
      assertThat(admin.role()).isEqualTo(Role.ADMIN);
      String tenant = admin.tenantId();
      assertThat(printed).contains("http://localhost:8080/api/v1/agents").contains("admin@acme.example");

      Matcher password = Pattern.compile("password: (\\S+)").matcher(printed);
      assertThat(password.find()).isTrue();
      assertThat(users.authenticate(tenant, "admin@acme.example", password.group(1))).isPresent();
      assertThat(agents.list(tenant, "", 100).items()).hasSize(3)
          .anyMatch(a -> a.status() == AgentStatus.SUSPENDED);
      assertThat(new AuditLog(db.jdbi()).verify(tenant).intact()).isTrue();

      out.reset();
      assertThat(seeder.seedIfEmpty(8080)).isFalse();
      assertThat(out.size()).isZero();
      assertThat(tenants.count()).isEqualTo(1);
    }
  }
}
