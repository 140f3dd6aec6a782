package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.config.DatabaseFactory;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.db.Migrations;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code master-key} as an operator runs it on the data dir a first start left (the generated
 * key, a tenant keyset wrapped by it): after add, prune before rewrap exits 1 with one line
 * naming the tenant and writes nothing, rewrap then succeeds, and no output carries key
 * material. The whole rotation is tested on both databases by collectors' MasterKeyRotation
 * tests.
 */
class MasterKeyCommandTest {

  final Path dataDir = TempDirs.create("vigil-master-key");
  final Path keys = TempDirs.create("vigil-master-key-files");

  @AfterEach
  void delete() {
    TempDirs.delete(dataDir);
    TempDirs.delete(keys);
  }

  @Test
  void pruneBeforeRewrapRefusesInOneLineAndNoStepPrintsKeyMaterial() throws Exception {
    String tenant = tenantWithKeyset(MasterKey.generate(dataDir.resolve("master-key.json")));
    String config = VigilServer.CONFIG.toString();
    Path added = keys.resolve("added.json");
    Path pruned = keys.resolve("pruned.json");
    List<String> printed = new ArrayList<>();

    VigilServer.CliRun add = run(Map.of(), printed, "master-key", "add", "--out", added.toString(), config);
    assertThat(add.exit()).as(add.err()).isZero();
    JsonNode addLine = lastLine(add);
    assertThat(addLine.get("keyIds")).hasSize(2);
    assertThat(addLine.get("file").asText()).isEqualTo(added.toString());

    Map<String, String> onAdded = Map.of("VIGIL_MASTER_KEY_FILE", added.toString());
    VigilServer.CliRun early = run(onAdded, printed, "master-key", "prune", "--out", pruned.toString(), config);
    assertThat(early.exit()).isEqualTo(1);
    assertThat(early.err()).contains("master-key: 1 stored keyset(s) do not decrypt under the master keyset's "
        + "primary key " + addLine.get("primaryKeyId").asText() + " alone: tenant " + tenant
        + "; run master-key rewrap first (nothing was written)\n").doesNotContain("\tat ");
    assertThat(pruned).doesNotExist();

    VigilServer.CliRun rewrap = run(onAdded, printed, "master-key", "rewrap", config);
    assertThat(rewrap.exit()).as(rewrap.err()).isZero();
    assertThat(lastLine(rewrap).get("rewrapped").asInt()).isEqualTo(1);

    for (String key : keyMaterial(added)) assertThat(String.join("\n", printed)).doesNotContain(key);
  }

  /** A tenant whose keyset {@code master} wraps, in the data dir's H2 database. */
  private String tenantWithKeyset(MasterKey master) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(new DatabaseFactory().jdbcUrl(dataDir), "sa", "");
    try {
      Migrations.apply(pool);
      TestStores stores = TestStores.on(Jdbis.configure(Jdbi.create(pool)), Clock.systemUTC(), master);
      Actor admin = new Actor("token", "tok_test");
      String tenant = stores.tenants().create("Acme", admin).tenant().id();
      stores.keysets().ensure(tenant, admin);
      return tenant;
    } finally {
      pool.dispose();
    }
  }

  private VigilServer.CliRun run(Map<String, String> env, List<String> printed, String... args) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("VIGIL_DATA_DIR", dataDir.toString());
    VigilServer.CliRun run = VigilServer.run(all, args);
    printed.add(run.out());
    printed.add(run.err());
    return run;
  }

  private static JsonNode lastLine(VigilServer.CliRun run) throws Exception {
    String[] lines = run.out().strip().split("\n");
    return Http.JSON.readTree(lines[lines.length - 1]);
  }

  /** The base64 key values in a Tink JSON keyset file. */
  private static List<String> keyMaterial(Path keyset) throws Exception {
    List<String> values = new ArrayList<>();
    for (JsonNode key : Http.JSON.readTree(Files.readString(keyset)).get("key")) {
      values.add(key.get("keyData").get("value").asText());
    }
    assertThat(values).hasSize(2).allSatisfy(v -> assertThat(v).hasSizeGreaterThan(40));
    return values;
  }
}
