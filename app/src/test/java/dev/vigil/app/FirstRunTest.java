package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first start whose port is taken: the demo is seeded but its token is never printed, the
 * message names the port and the variable that sets it, and {@code token-create} mints a token
 * for the seeded tenant, which works once the server runs on a free port.
 */
class FirstRunTest {

  @Test
  void aTakenPortNamesItsVariablePrintsNoTokenAndTokenCreateRecovers(@TempDir Path dataDir) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_DATA_DIR", dataDir.toString());
    VigilServer.CliRun failed;
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      Map<String, String> first = new HashMap<>(env);
      first.put("VIGIL_DEMO", "true");
      first.put("VIGIL_HTTP_PORT", Integer.toString(taken.getLocalPort()));
      first.put("VIGIL_ADMIN_PORT", Integer.toString(ServerProcess.freePort()));
      failed = VigilServer.run(first, "server", VigilServer.CONFIG.toString());
    }

    assertThat(failed.exit()).isNotZero();
    String said = failed.out() + failed.err();
    assertThat(said).doesNotContain("vgl_").doesNotContain("password:")
        .contains("is in use; set VIGIL_HTTP_PORT to another");
    assertThat(said.split("BindException", -1)).as("the stack trace once, the log's").hasSize(2);
    assertThat(failed.out().strip()).as("the reason last, below the trace").contains("Vigil could not start: port")
        .endsWith("--role admin --name admin config.yml");
    Matcher hint = Pattern.compile("token-create --tenant (ten_[a-z0-9]+) --role admin").matcher(said);
    assertThat(hint.find()).as(said).isTrue();
    String tenant = hint.group(1);

    try (ServerProcess server = new ServerProcess(env)) {
      server.start();
      JsonNode minted = Http.JSON.readTree(server.cli("token-create", "--tenant", tenant, "--role", "admin",
          "--name", "recovered", VigilServer.CONFIG.toString()).strip());
      assertThat(minted.get("tenantId").asText()).isEqualTo(tenant);
      Http http = new Http(server.port);
      var agents = http.get(minted.get("token").asText(), "/api/v1/agents");
      assertThat(agents.status()).isEqualTo(200);
      assertThat(agents.get("items").findValuesAsText("name")).contains("sales-assistant");
      String admin = minted.get("token").asText();
      long head = http.get(admin, "/api/v1/audit/verify").get("checked").asLong();
      var recent = http.get(admin, "/api/v1/audit/entries?limit=1000&cursor=" + Math.max(0, head - 200));
      assertThat(recent.text()).doesNotContain(admin);
      assertThat(recent.get("items")).anySatisfy(e -> {
        assertThat(e.get("kind").asText()).isEqualTo("token.created");
        assertThat(e.get("subject").asText()).isEqualTo(minted.get("tokenId").asText());
        assertThat(e.get("actor").get("type").asText()).isEqualTo("cli");
        assertThat(e.get("actor").get("id").asText()).isEqualTo("token-create");
      });
    }
  }
}
