package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.app.demo.DemoSeeder;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.ApiToken;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.Scopes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoSeederTest {

  @Test
  void anEmptyDatabaseGetsABelievableCompanyWhosePrintedTokenWorksOnlyOnce() {
    try (TestDb db = TestDb.h2()) {
      TestStores s = TestStores.on(db, Clock.systemUTC());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DemoSeeder seeder = new DemoSeeder(new DemoSeeder.Stores(s.tenants(), s.users(), s.agents(),
          s.vendors(), s.connections(), s.grants(), s.incidents()), Clock.systemUTC(),
          new PrintStream(out, true, StandardCharsets.UTF_8));

      assertThat(seeder.seedIfEmpty(8080)).isTrue();
      String printed = out.toString(StandardCharsets.UTF_8);
      Matcher token = Pattern.compile("(vgl_[A-Za-z0-9_-]{43})").matcher(printed);
      assertThat(token.find()).as(printed).isTrue();
      ApiToken admin = s.tokens().authenticate(token.group(1)).orElseThrow();
      assertThat(admin.role()).isEqualTo(Role.ADMIN);
      String tenant = admin.tenantId();
      assertThat(printed).contains("http://localhost:8080/api/v1/agents").contains("admin@acme.example");
      Matcher password = Pattern.compile("password: (\\S+)").matcher(printed);
      assertThat(password.find()).isTrue();
      assertThat(s.users().authenticate(tenant, "admin@acme.example", password.group(1))).isPresent();

      var agents = s.agents().list(tenant, "", 100).items();
      assertThat(agents).hasSize(3).anyMatch(a -> a.status() == AgentStatus.SUSPENDED);
      assertThat(s.vendors().list(tenant, "", 100).items()).hasSizeGreaterThanOrEqualTo(5);
      var connections = s.connections().list(tenant, "", 100).items();
      assertThat(connections).extracting(v -> v.connection().app())
          .contains("crm", "email", "slack", "mcp");
      assertThat(connections).allSatisfy(v -> assertThat(v.credential()).isNotNull());
      assertThat(agents).flatMap(a -> s.grants().ofAgent(tenant, a.id(), false))
          .anyMatch(g -> g.scopes().stream().anyMatch(Scopes::isBroad));
      assertThat(s.incidents().list(tenant, "", 10).items()).hasSize(1);
      assertThat(s.auditLog().verify(tenant).intact()).isTrue();

      out.reset();
      assertThat(seeder.seedIfEmpty(8080)).isFalse();
      assertThat(out.size()).isZero();
      assertThat(s.tenants().count()).isEqualTo(1);
    }
  }
}
