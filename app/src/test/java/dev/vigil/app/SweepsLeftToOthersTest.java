package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import java.net.http.HttpResponse;
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
 * start; on PostgreSQL it never joins the shared schedule, says so in its health check and on
 * the dashboard's overview, and still re-runs what a change made through it affects.
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
        .rootCause().hasMessageContaining("controls.sweeps (VIGIL_CONTROL_SWEEPS) may be false only on PostgreSQL"
            + " (VIGIL_DB_URL), where other nodes run the sweeps; on H2 no node would: set it to true");
  }

  @Test
  void onPostgresTheNodeNeverJoinsTheScheduleAndChangesStillRunControls() throws Exception {
    try (VigilServer server = new VigilServer(TestDb.Kind.POSTGRES, config)) {
      assertThat(server.query("SELECT trigger_name FROM qrtz_triggers")).as("no family scheduled").isEmpty();
      assertThat(server.query("SELECT instance_name FROM qrtz_scheduler_state")).as("never checked in").isEmpty();
      Http http = server.http();
      String admin = server.createTenant("Deciders").get("adminToken").asText();
      Http.Reply owner = http.post(admin, "/api/v1/users", ApiFixture.user("o@deciders.example", "admin"));
      assertThat(owner.status()).as(owner.text()).isEqualTo(201);

      JsonNode alone = scheduler(server);
      assertThat(alone.path("healthy").asBoolean()).as("no node sweeps: every scheduled run would be missed")
          .isFalse();
      assertThat(alone.path("message").asText()).contains("runs no control sweeps", "no node sweeps");
      // The dashboard's overview says so too.
      HttpResponse<String> overview = DashboardSession.signIn(server, "o@deciders.example").page("/");
      assertThat(overview.statusCode()).isEqualTo(200);
      assertThat(overview.body()).contains("Unhealthy", "this node leaves the scheduled sweeps to other nodes");

      // Another node's scheduler checking in, as Quartz records it.
      server.sql("INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval)"
          + " VALUES ('vigil', 'sweeper-1', " + System.currentTimeMillis() + ", 5000)");
      JsonNode withOther = scheduler(server);
      assertThat(withOther.path("healthy").asBoolean()).isTrue();
      assertThat(withOther.path("message").asText()).contains("runs no control sweeps", "1 other node does");

      // A change made through this node re-runs the controls it affects here.
      Http.Reply vendor = http.post(admin, "/api/v1/vendors", "{\"name\":\"Unreviewed\",\"criticality\":\"high\","
          + "\"ownerId\":\"" + owner.get("id").asText() + "\"}");
      assertThat(vendor.status()).as(vendor.text()).isEqualTo(201);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      String status = "";
      while (!status.equals("failing") && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
        status = http.get(admin, "/api/v1/controls/VM-1").get("status").asText();
      }
      assertThat(status).as("VM-1 re-run by the change").isEqualTo("failing");
      assertThat(server.query("SELECT DISTINCT run_trigger FROM control_runs WHERE control_id = 'VM-1'"))
          .containsExactly("CHANGE");
      assertThat(server.query("SELECT family FROM control_sweeps")).as("no sweep recorded").isEmpty();
    }
  }

  private static JsonNode scheduler(VigilServer server) throws Exception {
    return new Http(server.adminPort()).get(null, "/healthcheck").json().path("scheduler");
  }
}
