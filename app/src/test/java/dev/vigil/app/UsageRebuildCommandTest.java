package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.testing.TempDirs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code usage-rebuild config.yml} as an operator runs it: an unknown tenant exits 1 saying
 * so; otherwise every tenant's rollups are recomputed up to its chain's head. That a rebuild
 * gives the rollups the incremental fold gives is in the collectors' UsageRollupsContract.
 */
class UsageRebuildCommandTest {

  final Path dataDir = TempDirs.create("vigil-usage-rebuild");
  final Map<String, String> env = Map.of("VIGIL_DATA_DIR", dataDir.toString());

  @AfterEach
  void delete() {
    TempDirs.delete(dataDir);
  }

  @Test
  void anUnknownTenantExits1AndEveryTenantIsRebuiltUpToItsHead() throws Exception {
    String config = VigilServer.CONFIG.toString();
    VigilServer.CliRun created = VigilServer.run(env, "tenant-create", "--name", "Acme", config);
    assertThat(created.exit()).as(created.err()).isZero();
    String[] lines = created.out().strip().split("\n");
    String tenant = Http.JSON.readTree(lines[lines.length - 1]).get("tenantId").asText();

    VigilServer.CliRun unknown = VigilServer.run(env, "usage-rebuild", "--tenant", "ten_nope", config);
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("usage-rebuild: no tenant ten_nope here");

    VigilServer.CliRun all = VigilServer.run(env, "usage-rebuild", config);
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out()).containsPattern("tenant " + tenant + ": usage counted up to entry [1-9]\\d*, rebuilt in ")
        .endsWith("rebuilt the usage rollups of 1 tenant(s)\n");
  }
}
