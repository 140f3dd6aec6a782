package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.Http.Reply;
import dev.vigil.collectors.testing.TestDb;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Kills the server with SIGKILL during sustained ingest, restarts it, and requires every
 * acknowledged event to be stored and the chain to verify: acknowledged means committed.
 */
abstract class CrashContract {

  abstract TestDb.Kind kind();

  /** Extra environment for the server process. */
  Map<String, String> extraEnv(String dataDir) {
    return Map.of();
  }

  @Test
  void everyAcknowledgedEventSurvivesKillNine() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_DATA_DIR", Files.createTempDirectory("vigil-crash").toString());
    env.putAll(extraEnv(env.get("VIGIL_DATA_DIR")));
    TestDb postgres = kind() == TestDb.Kind.POSTGRES ? TestDb.postgres() : null;
    if (postgres != null) {
      env.put("VIGIL_DB_URL", postgres.url());
      env.put("VIGIL_DB_USER", postgres.user());
    }
    try (ServerProcess server = new ServerProcess(env)) {
      server.start();
      JsonNode tenant = Http.JSON.readTree(server.cli("tenant-create", "--name", "Crash Co", VigilServer.CONFIG.toString()).strip());
      String admin = tenant.get("adminToken").asText();
      Http http = new Http(server.port);
      String owner = http.post(admin, "/api/v1/users", ApiFixture.user("o@crash.example", "admin")).get("id").asText();
      String vendor = http.post(admin, "/api/v1/vendors", "{\"name\":\"V\",\"criticality\":\"low\"}").get("id").asText();
      String connection = http.post(admin, "/api/v1/connections", "{\"name\":\"C\",\"app\":\"crm\",\"vendorId\":\""
          + vendor + "\",\"endpoint\":\"https://c.example\"}").get("id").asText();
      String agent = http.post(admin, "/api/v1/agents", ApiFixture.agent("bot", owner)).get("id").asText();
      String ingest = http.post(admin, "/api/v1/tokens", "{\"name\":\"i\",\"role\":\"ingest\"}").get("token").asText();

      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger batches = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      for (int c = 0; c < 4; c++) {
        int client = c;
        clients.submit(() -> {
          Http mine = new Http(server.port);
          for (int b = 0; running.get(); b++) {
            StringBuilder batch = new StringBuilder("{\"events\":[");
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
              String id = client + "-" + b + "-" + i;
              ids.add(id);
              batch.append(i == 0 ? "" : ",").append("{\"agentId\":\"").append(agent).append("\",\"connectionId\":\"")
                  .append(connection).append("\",\"action\":\"crm:read\",\"outcome\":\"success\",\"occurredAt\":\"")
                  .append(Instant.now()).append("\",\"attributes\":{\"eventId\":\"").append(id).append("\"}}");
            }
            try {
              Reply r = mine.post(ingest, "/api/v1/events", batch + "]}");
              if (r.status() == 202) {
                acknowledged.addAll(ids);
                batches.incrementAndGet();
              }
            } catch (RuntimeException connectionDied) {
              return null;
            }
          }
          return null;
        });
      }
      while (batches.get() < 30) Thread.sleep(50);
      server.kill9();
      running.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      server.start();
      Set<String> stored = new HashSet<>();
      String cursor = "";
      do {
        Reply page = http.get(admin, "/api/v1/events?agentId=" + agent + "&limit=1000&cursor=" + cursor);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        page.get("items").forEach(e -> stored.add(e.get("data").get("attributes").get("eventId").asText()));
        cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      } while (cursor != null);
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3000);
      assertThat(stored).containsAll(acknowledged);
      Reply verify = http.get(admin, "/api/v1/audit/verify");
      assertThat(verify.get("intact").asBoolean()).as(verify.text()).isTrue();
    } finally {
      if (postgres != null) postgres.close();
      dev.vigil.collectors.testing.TempDirs.delete(java.nio.file.Path.of(env.get("VIGIL_DATA_DIR")));
    }
  }
}
