package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A status change reaches the webhook configured in config.yml, signed, and the delivery is
 * recorded: the service wired end to end (the dispatcher's retries are tested in collectors).
 */
class AlertsApiTest {

  static final String SECRET = "a-webhook-secret-of-32-characters";

  record Received(String body, String timestamp, String signature) {}

  @Test
  void aControlTurningFailingIsPostedSignedToTheWebhook() throws Exception {
    BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Vigil-Timestamp"),
          exchange.getRequestHeaders().getFirst("X-Vigil-Signature")));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    Path dir = TempDirs.create("vigil-alerts-config");
    Path config = dir.resolve("config.yml");
    String shipped = Files.readString(VigilServer.CONFIG);
    assertThat(shipped).contains("  webhooks: []");
    Files.writeString(config, shipped.replace("  webhooks: []", "  webhooks:\n    - url: http://127.0.0.1:"
        + receiver.getAddress().getPort() + "/hook\n      secret: " + SECRET));
    try (VigilServer server = new VigilServer(TestDb.Kind.H2, config)) {
      Http http = server.http();
      String admin = server.createTenant("Alerted").get("adminToken").asText();
      String owner = http.post(admin, "/api/v1/users", ApiFixture.user("o@alerted.example", "admin")).get("id").asText();
      String vendor = http.post(admin, "/api/v1/vendors", "{\"name\":\"V\",\"criticality\":\"low\"}").get("id").asText();
      String connection = http.post(admin, "/api/v1/connections", "{\"name\":\"C\",\"app\":\"crm\",\"vendorId\":\""
          + vendor + "\",\"endpoint\":\"https://c.example\"}").get("id").asText();
      String agent = http.post(admin, "/api/v1/agents", ApiFixture.agent("bot", owner)).get("id").asText();
      // No grant yet: nothing for AC-1 to judge, and no alert for that.
      assertThat(http.post(admin, "/api/v1/controls/AC-1/run", "").get("result").asText()).isEqualTo("not_applicable");
      http.post(admin, "/api/v1/agents/" + agent + "/grants", "{\"connectionId\":\"" + connection
          + "\",\"scopes\":[\"*\"],\"justification\":\"x\",\"requestedBy\":\"" + owner + "\",\"approvedBy\":\"" + owner + "\"}");

      Received alert = null;
      for (Received r = received.poll(20, TimeUnit.SECONDS); r != null; r = received.poll(5, TimeUnit.SECONDS)) {
        if (Http.JSON.readTree(r.body()).get("controlId").asText().equals("AC-1")) {
          alert = r;
          break;
        }
      }
      assertThat(alert).as("an AC-1 alert").isNotNull();
      JsonNode payload = Http.JSON.readTree(alert.body());
      assertThat(payload.get("type").asText()).isEqualTo("control.status_changed");
      assertThat(payload.get("previousStatus").asText()).isEqualTo("not_applicable");
      assertThat(payload.get("status").asText()).isEqualTo("failing");
      assertThat(payload.get("openFindings").asLong()).isEqualTo(1);
      assertThat(alert.signature()).isEqualTo("sha256=" + hmac(SECRET, alert.timestamp() + "." + alert.body()));
      assertThat(alert.signature()).isNotEqualTo("sha256=" + hmac("another-secret-of-enough-length", alert.timestamp()
          + "." + alert.body()));
      assertThat(alert.body()).doesNotContain(SECRET);

      List<String> delivered = List.of();
      for (int i = 0; i < 50 && delivered.isEmpty(); i++) {
        Thread.sleep(100);
        delivered = server.query("SELECT status FROM alert_deliveries WHERE control_id = 'AC-1' AND status = 'DELIVERED'");
      }
      assertThat(delivered).isNotEmpty();
      assertThat(server.query("SELECT webhook || payload || COALESCE(last_error, '') FROM alert_deliveries"))
          .noneMatch(row -> row.contains(SECRET));
    } finally {
      receiver.stop(0);
      TempDirs.delete(dir);
    }
  }

  static String hmac(String secret, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }
}
