package dev.vigil.collectors.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Large groups take PostgreSQL's COPY path, small ones a JDBC batch: both must store every
 * byte of awkward data exactly, so the chain verifies and reads back what was appended.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AppendContract {

  static final Actor ACTOR = new Actor("token", "tok_test");
  /** Microsecond precision, as both databases store it. */
  static final Instant EVENT_TIME = Instant.parse("2026-11-24T14:00:00.123456Z");
  static final String AWKWARD = "tab\there, newline\nthere, back\\slash, quote\" \\N, é 🚀, \r\u0001";

  private TestDb db;
  private TestStores stores;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    stores = TestStores.on(db, Clock.tickMillis(ZoneOffset.UTC));
  }

  @AfterAll
  void close() {
    if (db != null) db.close();
  }

  @Test
  void verificationWhileEntriesAreAppendedFindsNoBreak() throws Exception {
    String tenant = stores.tenants().create("Busy Co", ACTOR).tenant().id();
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      while (running.get()) {
        db.jdbi().useTransaction(h -> stores.audit().append(h, tenant, ACTOR, "agent.created", "agt_x",
            JsonNodeFactory.instance.objectNode().put("n", 1)));
      }
    });
    writer.start();
    try {
      for (int i = 0; i < 40; i++) {
        var v = stores.auditLog().verify(tenant);
        assertThat(v.breaks()).as("verification %d", i).isEmpty();
      }
    } finally {
      running.set(false);
      writer.join();
    }
  }

  @Test
  void largeAndSmallGroupsStoreAwkwardDataExactly() {
    String tenant = stores.tenants().create("Copy Co", ACTOR).tenant().id();
    // 1,000 rows: COPY sends them in several chunks; 192: one chunk; 3: a JDBC batch.
    for (int size : List.of(1_000, AuditRows.COPY_FROM * 3, 3)) {
      List<PendingEntry> pending = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("note", AWKWARD + i).put("n", i);
        pending.add(new PendingEntry(ACTOR, "event", "agt_" + i, data, i % 2 == 0 ? null
            : new PendingEntry.EventIndex("agt_" + i, "con\t" + i, "crm:read", EVENT_TIME.plusSeconds(i),
                i % 3 == 0 ? null : "gra_1")));
      }
      List<AuditEntry> appended = db.jdbi().inTransaction(h -> stores.audit().appendAll(h, tenant, pending));
      List<AuditEntry> read = stores.auditLog().after(tenant, appended.get(0).seq() - 1, size);
      assertThat(read).hasSize(size);
      for (int i = 0; i < size; i++) {
        assertThat(read.get(i).data().get("note").asText()).isEqualTo(AWKWARD + i);
        assertThat(read.get(i).hash()).isEqualTo(appended.get(i).hash());
      }
      String stored = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT connection_id, event_time FROM audit_entries WHERE tenant_id = :t AND seq = :s")
          .bind("t", tenant).bind("s", appended.get(1).seq())
          .map((rs, ctx) -> rs.getString(1) + " " + rs.getObject(2, OffsetDateTime.class).toInstant()).one());
      assertThat(stored).isEqualTo("con\t1 " + EVENT_TIME.plusSeconds(1));
    }
    assertThat(stores.auditLog().verify(tenant).intact()).isTrue();
  }

  @Test
  void commitTimesNeverDecreaseSoATimeWindowIsASeqRange() {
    Instant t0 = Instant.parse("2026-11-24T14:00:00Z");
    MutableClock clock = new MutableClock(t0);
    TestStores at = TestStores.on(db, clock);
    String tenant = at.tenants().create("Clock Co", ACTOR).tenant().id();
    long created = at.auditLog().after(tenant, 0, 100).size();
    clock.set(t0.plusSeconds(10));
    appendOne(at, tenant);
    appendOne(at, tenant);
    // The clock steps back an hour: the next entries keep the head's time instead.
    clock.set(t0.minusSeconds(3600));
    appendOne(at, tenant);
    appendOne(at, tenant);
    clock.set(t0.plusSeconds(20));
    appendOne(at, tenant);

    List<Instant> times = at.auditLog().after(tenant, created, 10).stream().map(AuditEntry::time).toList();
    assertThat(times).containsExactly(t0.plusSeconds(10), t0.plusSeconds(10), t0.plusSeconds(10),
        t0.plusSeconds(10), t0.plusSeconds(20));
    long first = created + 1;
    assertThat(at.auditLog().range(tenant, t0.plusSeconds(10), t0.plusSeconds(20)))
        .isEqualTo(new AuditLog.Range(first, first + 3));
    assertThat(at.auditLog().range(tenant, t0.plusSeconds(11), t0.plusSeconds(21)))
        .isEqualTo(new AuditLog.Range(first + 4, first + 4));
    assertThat(at.auditLog().range(tenant, Instant.EPOCH, t0.plusSeconds(60)))
        .isEqualTo(new AuditLog.Range(1L, first + 4));
    // Empty windows sit right after the last entry before them.
    assertThat(at.auditLog().range(tenant, t0.minusSeconds(7200), t0.minusSeconds(3600)))
        .isEqualTo(new AuditLog.Range(1L, 0L));
    assertThat(at.auditLog().range(tenant, t0.plusSeconds(12), t0.plusSeconds(15)))
        .isEqualTo(new AuditLog.Range(first + 4, first + 3));
    assertThat(at.auditLog().range(tenant, t0.plusSeconds(30), t0.plusSeconds(60)))
        .isEqualTo(new AuditLog.Range(first + 5, first + 4));
    assertThat(at.auditLog().verify(tenant).intact()).isTrue();
  }

  private void appendOne(TestStores at, String tenant) {
    db.jdbi().useTransaction(h -> at.audit().append(h, tenant, ACTOR, "agent.created", "agt_x",
        JsonNodeFactory.instance.objectNode().put("n", 1)));
  }
}
