package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.app.config.EvidenceFactory;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.evidence.DocType;
import dev.vigil.evidence.Filters;
import dev.vigil.evidence.SearchRequest;
import dev.vigil.evidence.SearchResult;
import dev.vigil.evidence.lucene.LuceneIndex;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code reindex config.yml} with no server running, as an operator runs it: it rebuilds every
 * tenant's index from the chain, prints a progress line for each (not a terminal here, so no
 * rewriting); an unknown tenant, or a node set to keep no index, exits 1 saying so. The refusal
 * under a running server is in {@link EvidenceApiContract}.
 */
class ReindexCommandTest {

  final Path dataDir = TempDirs.create("vigil-reindex");
  final Map<String, String> env = Map.of("VIGIL_DATA_DIR", dataDir.toString());

  @AfterEach
  void delete() {
    TempDirs.delete(dataDir);
  }

  VigilServer.CliRun run(String... args) throws Exception {
    return VigilServer.run(env, args);
  }

  @Test
  void rebuildsEveryTenantFromItsChainAndAnUnknownTenantExits1() throws Exception {
    String config = VigilServer.CONFIG.toString();
    VigilServer.CliRun created = run("tenant-create", "--name", "Acme", config);
    assertThat(created.exit()).as(created.err()).isZero();
    String[] lines = created.out().strip().split("\n");
    String tenant = Http.JSON.readTree(lines[lines.length - 1]).get("tenantId").asText();

    VigilServer.CliRun notKept = VigilServer.run(Map.of("VIGIL_DATA_DIR", dataDir.toString(),
        "VIGIL_EVIDENCE_INDEX", "false"), "reindex", config);
    assertThat(notKept.exit()).isEqualTo(1);
    assertThat(notKept.err()).contains("reindex: this node keeps no evidence index (evidence.enabled is false)");
    assertThat(EvidenceFactory.indexDir(dataDir)).as("nothing built on such a node").doesNotExist();

    VigilServer.CliRun unknown = run("reindex", "--tenant", "ten_nope", config);
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("reindex: no tenant ten_nope has an audit chain here");

    VigilServer.CliRun all = run("reindex", config);
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out()).doesNotContain("\r")
        .containsPattern("tenant " + tenant + ": 0 of \\d+ entries \\(0%\\)")
        .containsPattern("tenant " + tenant + ": (\\d+) of \\1 entries \\(100%\\), \\d+ documents.*; done")
        .endsWith("rebuilt the evidence index of 1 tenant(s)\n");

    // What the server will search: the tenant's creation and its first token.
    LuceneIndex index = new LuceneIndex(EvidenceFactory.indexDir(dataDir), new EvidenceFactory().indexSettings());
    try {
      SearchResult entries = index.search(tenant, new SearchRequest("kind:tenant.created OR kind:token.created",
          new Filters(DocType.ENTRY, null, null, null, null, null, null, null, null, null),
          SearchRequest.Order.TIME, null, 10));
      assertThat(entries.total()).isEqualTo(2);
    } finally {
      index.close();
    }
  }
}
