package dev.vigil.collectors.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.testing.TableDump;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.model.Criticality;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rotating the master key as an operator does it (add a key, restart on it, rewrap, prune)
 * on a database holding two tenants' keysets, one with a stored credential, and the
 * checkpoint signing key, all wrapped by the old single-key file. The refusals run first and
 * are shown to change nothing, so they share the database with the rotation that runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MasterKeyRotationContract {

  static final Actor ADMIN = new Actor("token", "tok_test");
  static final Actor CLI = new Actor("cli", "master-key");
  static final String SECRET = "sk_live_master_rotation_canary";

  final Path keys = TempDirs.create("vigil-master");
  final Clock clock = Clock.tickMillis(ZoneOffset.UTC);
  TestDb db;
  MasterKey old;
  String acme;
  String beta;
  String connection;
  byte[] signingPublicKey;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    old = MasterKey.generate(keys.resolve("old.json"));
    TestStores stores = TestStores.on(db.jdbi(), clock, old);
    acme = stores.tenants().create("Acme", ADMIN).tenant().id();
    String vendor = stores.vendors().create(acme, ADMIN, "Salesforce", Criticality.MEDIUM, "CRM", "contacts").id();
    connection = stores.connections().create(acme, ADMIN, "CRM", "crm", vendor, "https://acme.my.salesforce.com").id();
    stores.connections().storeCredential(acme, ADMIN, connection, SECRET);
    beta = stores.tenants().create("Beta", ADMIN).tenant().id();
    stores.keysets().ensure(beta, ADMIN);
    signingPublicKey = CheckpointSigner.loadOrCreate(db.jdbi(), old, clock).publicKey();
  }

  @AfterAll
  void close() {
    if (db != null) db.close();
    TempDirs.delete(keys);
  }

  @Test
  @Order(1)
  void pruneBeforeRewrapRefusesNamingEveryKeysetStillUnderTheOldKeyAndWritesNothing() throws Exception {
    MasterKey added = add("added-early.json");
    Path pruned = keys.resolve("pruned-early.json");

    assertThatThrownBy(() -> rotation(added).prune(pruned))
        .isInstanceOfSatisfying(MasterKeyRotation.Unreadable.class, e -> assertThat(e.names())
            .containsExactlyInAnyOrder("tenant " + acme, "tenant " + beta, "signing key"))
        .hasMessageContaining("3 stored keyset(s) do not decrypt under the master keyset's primary key "
            + added.primaryKeyId() + " alone");
    assertThat(pruned).doesNotExist();
  }

  @Test
  @Order(2)
  void rewrapUnderAnUnrelatedKeyFileFailsNamingWhatItCannotOpenAndChangesNothing() {
    MasterKey unrelated = MasterKey.generate(keys.resolve("unrelated.json")).withNewPrimary();
    String before = TableDump.of(db);

    assertThatThrownBy(() -> rotation(unrelated).rewrap(CLI))
        .isInstanceOfSatisfying(MasterKeyRotation.Unreadable.class, e -> assertThat(e.names())
            .containsExactlyInAnyOrder("tenant " + acme, "tenant " + beta, "signing key"))
        .hasMessageStartingWith("3 stored keyset(s) do not decrypt under the master keyset (keys ");
    assertThat(TableDump.of(db)).isEqualTo(before);
  }

  @Test
  @Order(3)
  void addRestartRewrapPruneKeepsTheCredentialAndSigningKeyAndRetiresTheOldFile() throws Exception {
    MasterKey added = add("added.json");
    // Step 2, every node restarted on the added file: it opens what the old key wrapped.
    assertThat(reveal(added)).isEqualTo(SECRET);
    long acmeHead = headSeq(acme);
    long betaHead = headSeq(beta);

    MasterKeyRotation.Rewrapped done = rotation(added).rewrap(CLI);

    assertThat(done).isEqualTo(new MasterKeyRotation.Rewrapped(added.primaryKeyId(), 3, 0));
    for (String tenant : List.of(acme, beta)) {
      List<AuditEntry> appended = new AuditLog(db.jdbi()).after(tenant, headSeq(tenant) - 1, 10);
      assertThat(appended).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo("keys.master_rewrapped");
        assertThat(e.actor()).isEqualTo(CLI);
        assertThat(e.data().get("masterKeyId").asText()).isEqualTo(Long.toString(added.primaryKeyId()));
      });
      assertThat(new AuditLog(db.jdbi()).verify(tenant).intact()).isTrue();
    }
    assertThat(headSeq(acme)).isEqualTo(acmeHead + 1);
    assertThat(headSeq(beta)).isEqualTo(betaHead + 1);
    assertThat(reveal(added)).isEqualTo(SECRET);
    assertThat(rotation(added).unreadableUnder(old))
        .containsExactlyInAnyOrder("tenant " + acme, "tenant " + beta, "signing key");

    // Idempotent: a second run finds everything under the primary and appends nothing.
    assertThat(rotation(added).rewrap(CLI)).isEqualTo(new MasterKeyRotation.Rewrapped(added.primaryKeyId(), 0, 3));
    assertThat(headSeq(acme)).isEqualTo(acmeHead + 1);

    Path prunedFile = keys.resolve("pruned.json");
    rotation(added).prune(prunedFile);
    MasterKey pruned = MasterKey.load(prunedFile);
    assertThat(pruned.keyIds()).containsExactly(added.primaryKeyId());
    assertThat(reveal(pruned)).isEqualTo(SECRET);
    assertThat(CheckpointSigner.loadOrCreate(db.jdbi(), pruned, clock).publicKey()).isEqualTo(signingPublicKey);
  }

  /** Step 1: the old keys plus a new primary, read back from the file it was written to. */
  private MasterKey add(String name) throws Exception {
    Path file = keys.resolve(name);
    old.withNewPrimary().writeNew(file);
    MasterKey added = MasterKey.load(file);
    assertThat(added.keyIds()).contains(old.primaryKeyId()).hasSize(2);
    return added;
  }

  private MasterKeyRotation rotation(MasterKey master) {
    return new MasterKeyRotation(db.jdbi(), master, new AuditAppender(clock), clock);
  }

  /** The stored credential, as a node running on {@code master} opens it to lease it. */
  private String reveal(MasterKey master) throws Exception {
    TestStores node = TestStores.on(db.jdbi(), clock, master);
    return db.jdbi().inTransaction(h -> node.connections().reveal(h, acme, connection).orElseThrow().secret());
  }

  private long headSeq(String tenant) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT MAX(seq) FROM audit_entries WHERE tenant_id = :t")
        .bind("t", tenant).mapTo(Long.class).one());
  }
}
