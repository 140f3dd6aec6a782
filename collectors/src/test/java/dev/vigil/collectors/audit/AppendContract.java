package dev.vigil.collectors.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
 * byte of awkward data exactly, so the chain verifies and reads back what was appended. An
 * entry exactly at {@link EntrySize#MAX_DATA_BYTES} is stored whole on both databases (so H2's
 * column holds it), and one byte more is refused before it is queued, on both alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AppendContract {

  static final Actor ACTOR = new Actor("token", "tok_test");
  /** Microsecond precision, as both databases store it. */
  static final Instant EVENT_TIME = Instant.parse("2026-11-24T14:00:00.123456Z");
  static final String AWKWARD = "tab\there, newline\nthere, back\\slash, quote\" \\N, é 🚀, \r\u0001";

  private TestDb db;
  private TestStores stores;
  private AppendPipeline pipeline;
  private EventStore events;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    stores = TestStores.on(db, clock);
    pipeline = new AppendPipeline(db.jdbi(), stores.audit(), 2, 1000, Duration.ofSeconds(30));
    events = new EventStore(db.jdbi(), pipeline, clock);
  }

  @AfterAll
  void close() throws Exception {
    if (pipeline != null) pipeline.close();
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

  // --- the entry size limit, at its boundary: the same answer on both databases -------------

  /** A tenant with an agent and a connection to report events about. */
  record Reporter(String tenant, String agent, String connection) {
    EventStore.NewEvent event(ObjectNode attributes) {
      return new EventStore.NewEvent(agent, connection, "crm:read", "acct/1", "success", EVENT_TIME, null, attributes);
    }
  }

  Reporter reporter() {
    String tenant = stores.tenants().create("Acme " + System.nanoTime(), ACTOR).tenant().id();
    String owner = stores.users().create(tenant, ACTOR, "o@acme.example", "Olive", Role.ADMIN,
        "a long enough password").id();
    String agent = stores.agents().create(tenant, ACTOR, "mailer", owner, "sends mail").id();
    String vendor = stores.vendors().create(tenant, ACTOR, "Salesforce", Criticality.MEDIUM, "CRM", "contacts").id();
    return new Reporter(tenant, agent,
        stores.connections().create(tenant, ACTOR, "CRM", "crm", vendor, "https://acme.example").id());
  }

  /**
   * An event whose audit entry's canonical data is exactly {@code bytes} long, its attributes
   * padded with {@code pad} (and ASCII for what a multibyte pad leaves over).
   */
  static EventStore.NewEvent eventOfSize(Reporter r, long bytes, String pad) {
    EventStore.NewEvent bare = r.event(JsonNodeFactory.instance.objectNode().put("pad", ""));
    long padding = bytes - utf8(EventStore.entry(ACTOR, bare, null).canonicalData());
    int padBytes = utf8(pad);
    String filler = pad.repeat((int) (padding / padBytes)) + "x".repeat((int) (padding % padBytes));
    return r.event(JsonNodeFactory.instance.objectNode().put("pad", filler));
  }

  static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void anEventOneByteOverTheLimitIsRefusedNamingItsIndexAndItsBatchIsNotStored() {
    Reporter r = reporter();
    long before = stores.auditLog().verify(r.tenant()).checked();
    EventStore.NewEvent over = eventOfSize(r, EntrySize.MAX_DATA_BYTES + 1L, "x");
    assertThatThrownBy(() -> events.ingest(r.tenant(), ACTOR, null, List.of(r.event(null), over)))
        .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.reason()).isEqualTo(Rejected.Reason.INVALID))
        .hasMessageStartingWith("events[1]: ")
        .hasMessageContaining("1048577 bytes")
        .hasMessageContaining("limit of 1048576 bytes");
    assertThat(stores.auditLog().verify(r.tenant()).checked()).isEqualTo(before);
  }

  @Test
  void anEventExactlyAtTheLimitIsStoredAndReadsBackWhole() {
    Reporter r = reporter();
    EventStore.NewEvent at = eventOfSize(r, EntrySize.MAX_DATA_BYTES, "x");
    assertThat(utf8(EventStore.entry(ACTOR, at, null).canonicalData())).isEqualTo(EntrySize.MAX_DATA_BYTES);
    EventStore.Accepted accepted = events.ingest(r.tenant(), ACTOR, null, List.of(r.event(null), at));
    assertThat(accepted.accepted()).isEqualTo(2);
    AuditEntry stored = stores.auditLog().after(r.tenant(), accepted.lastSeq() - 1, 1).get(0);
    assertThat(stored.data().get("attributes").get("pad").asText()).isEqualTo(at.attributes().get("pad").asText());
    assertThat(stores.auditLog().verify(r.tenant()).intact()).isTrue();
  }

  @Test
  void theLimitCountsUtf8BytesNotCharacters() {
    Reporter r = reporter();
    // 'é' takes two bytes: this entry has far fewer characters than the limit, but more bytes.
    EventStore.NewEvent over = eventOfSize(r, EntrySize.MAX_DATA_BYTES + 1L, "é");
    assertThat(over.attributes().get("pad").asText().length()).isLessThan(EntrySize.MAX_DATA_BYTES / 2 + 1);
    assertThatThrownBy(() -> events.ingest(r.tenant(), ACTOR, null, List.of(over)))
        .isInstanceOf(Rejected.class).hasMessageStartingWith("events[0]: ");
    EventStore.NewEvent at = eventOfSize(r, EntrySize.MAX_DATA_BYTES, "é");
    assertThat(events.ingest(r.tenant(), ACTOR, null, List.of(at)).accepted()).isEqualTo(1);
  }

  @Test
  void noEntryOverTheLimitCanBeMadeSoNoneReachesAGroupCommit() {
    // Decisions, leases and every other entry are made as a PendingEntry before they are queued.
    ObjectNode over = JsonNodeFactory.instance.objectNode().put("n", "x".repeat(EntrySize.MAX_DATA_BYTES));
    assertThatThrownBy(() -> new PendingEntry(ACTOR, "decision", "agt_x", over))
        .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.reason()).isEqualTo(Rejected.Reason.INVALID))
        .hasMessageContaining("limit of 1048576 bytes");
    ObjectNode at = JsonNodeFactory.instance.objectNode()
        .put("n", "x".repeat(EntrySize.MAX_DATA_BYTES - "{\"n\":\"\"}".length()));
    assertThat(new PendingEntry(ACTOR, "decision", "agt_x", at).canonicalData()).hasSize(EntrySize.MAX_DATA_BYTES);
  }

  private void appendOne(TestStores at, String tenant) {
    db.jdbi().useTransaction(h -> at.audit().append(h, tenant, ACTOR, "agent.created", "agt_x",
        JsonNodeFactory.instance.objectNode().put("n", 1)));
  }
}
