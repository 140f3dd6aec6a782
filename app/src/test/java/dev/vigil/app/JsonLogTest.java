package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code VIGIL_LOG_FORMAT=json}: every log line is one JSON object, and each request line
 * carries its request id, route, status, tenant and token id as fields, never the token.
 */
class JsonLogTest {

  @Test
  void eachRequestLineIsAJsonObjectWithItsFieldsAndNoSecret(@TempDir Path dataDir) throws Exception {
    try (ServerProcess server = new ServerProcess(Map.of("VIGIL_DATA_DIR", dataDir.toString(),
        "VIGIL_LOG_FORMAT", "json"))) {
      server.start();
      JsonNode tenant = Http.JSON.readTree(server.cli("tenant-create", "--name", "Logged Co",
          VigilServer.CONFIG.toString()).strip());
      String token = tenant.get("adminToken").asText();
      HttpResponse<String> missing = get(server.port, token, "/api/v1/agents/agt_nope", "trace-42");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().firstValue("X-Request-Id")).contains("trace-42");
      HttpResponse<String> listed = get(server.port, token, "/api/v1/agents", "not a plain id");
      assertThat(listed.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");

      String output = server.output();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : output.split("\n")) {
        if (!line.isBlank()) lines.add(Http.JSON.readTree(line)); // throws on a line that is not JSON
      }
      assertThat(lines).allSatisfy(l -> assertThat(l.isObject()).isTrue());
      assertThat(output).doesNotContain(token);
      JsonNode request = lines.stream().filter(l -> l.path("mdc").path("requestId").asText().equals("trace-42"))
          .findFirst().orElseThrow(() -> new AssertionError(output));
      JsonNode mdc = request.get("mdc");
      assertThat(request.get("logger").asText()).isEqualTo("dev.vigil.requests");
      assertThat(mdc.get("method").asText()).isEqualTo("GET");
      assertThat(mdc.get("route").asText()).isEqualTo("/api/v1/agents/{id}");
      assertThat(mdc.get("status").asText()).isEqualTo("404");
      assertThat(mdc.get("tenant").asText()).isEqualTo(tenant.get("tenantId").asText());
      assertThat(mdc.get("token").asText()).startsWith("tok_");
    }
  }

  private static HttpResponse<String> get(int port, String token, String path, String requestId) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("X-Request-Id", requestId).GET().build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
