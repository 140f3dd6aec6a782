package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node set to run no scheduled sweeps ({@code controls.sweeps: false}, for nodes that serve
 * decisions while others sweep): on H2, where no other node would sweep, the service refuses to
 * start; on PostgreSQL it never joins the shared schedule, says so in its health check, and
 * still re-runs what a change made through it affects.
 */
class SweepsLeftToOthersTest {

  private static final String SHIPPED_LINE = "  sweeps: ${VIGIL_CONTROL_SWEEPS:-true}";

  private static Path dir;
  private static Path config;

  @BeforeAll
  static void config() throws Exception {
    dir = TempDirs.create("vigil-no-sweeps-config");
    config = dir.resolve("config.yml");
    String shipped = Files.readString(VigilServer.CONFIG);
    assertThat(shipped).contains(SHIPPED_LINE);
    Files.writeString(config, shipped.replace(SHIPPED_LINE, "  sweeps: false"));
  }

  @AfterAll
  static void cleanUp() {
    TempDirs.delete(dir);
  }

  @Test
  void onH2TheServiceRefusesToStartSayingWhy() {
    assertThatThrownBy(() -> new VigilServer(TestDb.Kind.H2, config).close())
        .rootCause().hasMessageContaining("controlSweeps must be run by some node: controls.sweeps may be false only"
            + " on PostgreSQL");
  }

  @Test
  void onPostgresTheNodeNeverJoinsTheScheduleAndChangesStillRunControls() throws Exception {
    try (VigilServer server = new VigilServer(TestDb.Kind.POSTGRES, config)) {
      JsonNode health = new Http(server.adminPort()).get(null, "/healthcheck").json();
      assertThat(health.path("scheduler").path("healthy").asBoolean()).isTrue();
      assertThat(health.path("scheduler").path("message").asText()).contains("runs no control sweeps");
      assertThat(server.query("SELECT trigger_name FROM qrtz_triggers")).as("no family scheduled").isEmpty();
      assertThat(server.query("SELECT instance_name FROM qrtz_scheduler_state")).as("never checked in").isEmpty();

      // A change made through this node re-runs the controls it affects here.
      Http http = server.http();
      String admin = server.createTenant("Deciders").get("adminToken").asText();
      String owner = http.post(admin, "/api/v1/users", ApiFixture.user("o@deciders.example", "admin")).get("id").asText();
      http.post(admin, "/api/v1/vendors", "{\"name\":\"Unreviewed\",\"criticality\":\"high\",\"ownerId\":\"" + owner
          + "\"}");
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      String status = "";
      while (!status.equals("failing") && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
        status = http.get(admin, "/api/v1/controls/VM-1").get("status").asText();
      }
      assertThat(status).as("VM-1 re-run by the change").isEqualTo("failing");
      assertThat(server.query("SELECT DISTINCT run_trigger FROM control_runs")).doesNotContain("SCHEDULE");
    }
  }
}
