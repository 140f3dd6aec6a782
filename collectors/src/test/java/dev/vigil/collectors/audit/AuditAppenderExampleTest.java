package dev.vigil.collectors.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.ChainVerification;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The example of this package's documentation; the package doc copies its lines verbatim. */
class AuditAppenderExampleTest {

  private static final Actor ACTOR = new Actor("token", "tok_example");

  @Test
  void aChangeAndItsEntryCommitTogetherAndListenersHearOnlyCommits() {
    try (TestDb db = TestDb.h2()) {
      TestStores stores = TestStores.on(db, Clock.tickMillis(ZoneOffset.UTC));
      // tenant.created and the first admin token's token.created: seq 1 and 2.
      String tenant = stores.tenants().create("Example Co", ACTOR).tenant().id();
      List<String> heard = new CopyOnWriteArrayList<>();
      stores.listeners().add((tenantId, entries) -> entries.forEach(e -> heard.add(e.kind() + " " + e.subject())));
      Jdbi jdbi = db.jdbi();
      AuditAppender audit = stores.audit();

      AuditEntry entry = jdbi.inTransaction(h -> audit.append(h, tenant, ACTOR, "vendor.reviewed", "ven_1",
          AuditData.object().put("outcome", "approved")));
      assertThatThrownBy(() -> jdbi.useTransaction(h -> {
        audit.append(h, tenant, ACTOR, "vendor.reviewed", "ven_2", AuditData.object().put("outcome", "rejected"));
        throw new IllegalStateException("the change itself failed");
      })).hasMessage("the change itself failed");
      ChainVerification chain = new AuditLog(jdbi).verify(tenant);

      assertThat(entry.seq()).isEqualTo(3);
      assertThat(chain.intact()).isTrue();
      assertThat(chain.checked()).isEqualTo(3);
      assertThat(chain.headHash()).isEqualTo(entry.hash());
      assertThat(heard).containsExactly("vendor.reviewed ven_1");
    }
  }
}
