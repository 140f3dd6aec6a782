package dev.vigil.collectors.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collectors.alerts.Delivery;
import dev.vigil.collectors.alerts.RetryPolicy;
import dev.vigil.collectors.alerts.Webhook;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.testing.Poll;
import dev.vigil.collectors.testing.Receiver;
import dev.vigil.collectors.testing.Receiver.Answer;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.NotesFile;
import dev.vigil.controls.audit.SignedNote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Checkpoints signed by a real {@link CheckpointStore} reach a real webhook receiver and a notes
 * directory, on H2 and on PostgreSQL. Retry delays are milliseconds, so backoff is observable
 * without slowing the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CheckpointPublisherContract {

  static final String SECRET = "whsec-checkpoints-0123456789";
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400),
      Duration.ofSeconds(2));
  static final Duration WAIT = Duration.ofSeconds(8);
  static final Actor ACTOR = new Actor("token", "tok_sinks");
  static final ObjectMapper JSON = new ObjectMapper();

  private TestDb db;
  private TestStores stores;
  private CheckpointSigner signer;
  private final Clock clock = Clock.tickMillis(ZoneOffset.UTC);
  private final List<CheckpointPublisher> publishers = new ArrayList<>();
  private Receiver receiver;
  private Path dir;
  private String tenant;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
    stores = TestStores.on(db, clock);
    signer = CheckpointSigner.loadOrCreate(db.jdbi(), stores.master(), clock);
  }

  @AfterAll
  void closeDb() {
    if (db != null) db.close();
  }

  @BeforeEach
  void fresh() {
    receiver = new Receiver();
    dir = TempDirs.create("vigil-notes");
    tenant = stores.tenants().create("Sinks Co", ACTOR).tenant().id();
  }

  @AfterEach
  void stop() {
    publishers.forEach(CheckpointPublisher::close);
    publishers.clear();
    receiver.close();
    TempDirs.delete(dir);
  }

  @Test
  void aSinkThatFailsNeverStopsSigningNorTheOtherSinks() throws Exception {
    receiver.on("/cp", (r, n) -> Answer.of(200));
    Path notADirectory = dir.resolve("occupied");
    Files.writeString(notADirectory, "a file where the directory should be");
    CheckpointPublisher sinks = publisher(List.of(new Webhook(receiver.url("/cp"), SECRET)), notADirectory, FAST);
    CheckpointStore checkpoints = new CheckpointStore(db.jdbi(), signer, clock, sinks::publish);

    grow();
    Checkpoint first = checkpoints.signHead(tenant).orElseThrow();
    grow();
    assertThat(checkpoints.signDue()).isPositive();

    List<CheckpointDelivery> rows = await(r -> r.size() == 4 && r.stream().noneMatch(this::pending));
    assertThat(rows).filteredOn(d -> d.sink().startsWith("directory"))
        .hasSize(2)
        .allSatisfy(d -> {
          assertThat(d.status()).isEqualTo(Delivery.Status.FAILED);
          assertThat(d.attempts()).isEqualTo(FAST.maxAttempts());
          assertThat(d.lastError()).startsWith("cannot append to " + notADirectory.toAbsolutePath());
        });
    assertThat(rows).filteredOn(d -> d.sink().startsWith("http"))
        .extracting(CheckpointDelivery::status).containsExactly(Delivery.Status.DELIVERED, Delivery.Status.DELIVERED);
    assertThat(checkpoints.latest(tenant).orElseThrow().size()).isGreaterThan(first.size());
    assertThat(sinks.health().healthy()).isFalse();
    assertThat(troubled(sinks)).hasSize(2).allMatch(d -> d.sink().startsWith("directory"));
  }

  @Test
  void theDirectoryRefusesACheckpointThatContradictsItsFileAndKeepsTheFileAsItWas() throws Exception {
    receiver.on("/cp", (r, n) -> Answer.of(204));
    CheckpointPublisher sinks = publisher(List.of(new Webhook(receiver.url("/cp"), SECRET)), dir, FAST);
    grow();
    grow();
    Checkpoint genuine = new CheckpointStore(db.jdbi(), signer, clock, sinks::publish).signHead(tenant).orElseThrow();
    await(r -> r.size() == 2 && r.stream().allMatch(this::delivered));
    String before = Files.readString(sinks.file(tenant).orElseThrow());

    // Whoever holds the database rewrote the chain: the server signs another head at the same
    // size, and a shorter chain later still.
    publish(sinks, forged(genuine.size(), genuine.issuedAt().plusSeconds(1)));
    publish(sinks, forged(genuine.size() - 1, genuine.issuedAt().plusSeconds(2)));
    // A retry that arrives late, signed before the file's last note: covered by it.
    publish(sinks, forged(genuine.size() - 1, genuine.issuedAt().minusSeconds(1)));

    List<CheckpointDelivery> rows = await(r -> r.size() == 8 && r.stream().noneMatch(this::pending));
    List<CheckpointDelivery> toDirectory = rows.stream().filter(d -> d.sink().startsWith("directory")).toList();
    assertThat(toDirectory).hasSize(4);
    CheckpointDelivery sameSize = toDirectory.get(1);
    assertThat(sameSize.status()).isEqualTo(Delivery.Status.FAILED);
    assertThat(sameSize.attempts()).as("a refusal is not retried").isEqualTo(1);
    assertThat(sameSize.lastError()).contains("the history was rewritten");
    CheckpointDelivery cut = toDirectory.get(2);
    assertThat(cut.status()).isEqualTo(Delivery.Status.FAILED);
    assertThat(cut.lastError()).contains("the chain was cut or rewritten");
    CheckpointDelivery late = toDirectory.get(3);
    assertThat(late.status()).isEqualTo(Delivery.Status.DELIVERED);
    assertThat(late.lastError()).startsWith("superseded by the later checkpoint at size " + genuine.size());
    assertThat(Files.readString(sinks.file(tenant).orElseThrow())).isEqualTo(before);
    assertThat(rows.stream().filter(d -> d.sink().startsWith("http"))).allMatch(this::delivered);
    assertThat(troubled(sinks)).extracting(CheckpointDelivery::id).containsExactlyInAnyOrder(sameSize.id(), cut.id());
  }

  @Test
  void aReceiverThatIsDownIsRetriedUntilItTakesTheCheckpoint() {
    receiver.on("/flaky", (r, n) -> Answer.of(n <= 2 ? 503 : 200));
    CheckpointPublisher sinks = publisher(List.of(new Webhook(receiver.url("/flaky"), SECRET)), null, FAST);
    grow();
    new CheckpointStore(db.jdbi(), signer, clock, sinks::publish).signHead(tenant).orElseThrow();

    CheckpointDelivery row = await(r -> r.size() == 1 && delivered(r.get(0))).get(0);
    assertThat(row.attempts()).isEqualTo(3);
    assertThat(row.lastStatusCode()).isEqualTo(200);
    assertThat(receiver.requests("/flaky")).extracting(r -> r.header("X-Vigil-Delivery")).containsOnly(row.id());
  }

  @Test
  void aRestartedPublisherDeliversWhatAClosedOneLeftPending() {
    receiver.on("/later", (r, n) -> Answer.of(n == 1 ? 502 : 200));
    Webhook hook = new Webhook(receiver.url("/later"), SECRET);
    CheckpointPublisher first = publisher(List.of(hook), null,
        new RetryPolicy(4, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2)));
    grow();
    new CheckpointStore(db.jdbi(), signer, clock, first::publish).signHead(tenant).orElseThrow();
    CheckpointDelivery left = await(r -> r.size() == 1 && r.get(0).attempts() == 1).get(0);
    first.close();
    assertThat(left.status()).isEqualTo(Delivery.Status.PENDING);
    assertThat(troubled(first)).extracting(CheckpointDelivery::id).containsExactly(left.id());

    CheckpointPublisher second = publisher(List.of(hook), null, FAST);
    second.start();

    CheckpointDelivery row = await(r -> r.size() == 1 && delivered(r.get(0))).get(0);
    assertThat(row.id()).isEqualTo(left.id());
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(receiver.requests("/later").get(1).body()).isEqualTo(left.payload());
  }

  @Test
  void eachCheckpointReachesTheWebhookSignedAndIsAppendedToTheTenantsNotesFile() throws Exception {
    receiver.on("/cp", (r, n) -> Answer.of(200));
    CheckpointPublisher sinks = publisher(List.of(new Webhook(receiver.url("/cp"), SECRET)), dir, FAST);
    CheckpointStore checkpoints = new CheckpointStore(db.jdbi(), signer, clock, sinks::publish);
    grow();
    Checkpoint first = checkpoints.signHead(tenant).orElseThrow();
    await(r -> r.size() == 2 && r.stream().allMatch(this::delivered));
    grow();
    Checkpoint second = checkpoints.signHead(tenant).orElseThrow();
    // Signing the same head again signs nothing new, so publishes nothing.
    checkpoints.signHead(tenant);

    List<CheckpointDelivery> rows = await(r -> r.size() == 4 && r.stream().allMatch(this::delivered));
    assertThat(rows).extracting(CheckpointDelivery::size)
        .containsExactlyInAnyOrder(first.size(), first.size(), second.size(), second.size());
    assertThat(rows).allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));

    Receiver.Request got = receiver.requests("/cp").stream()
        .filter(r -> r.body().contains("\"size\":" + first.size() + ",")).findFirst().orElseThrow();
    long timestamp = Long.parseLong(got.header("X-Vigil-Timestamp"));
    assertThat(got.header("X-Vigil-Signature")).isEqualTo("sha256=" + hmac(SECRET, timestamp, got.body()));
    JsonNode payload = JSON.readTree(got.body());
    assertThat(payload.get("type").asText()).isEqualTo("checkpoint.signed");
    assertThat(payload.get("tenantId").asText()).isEqualTo(tenant);
    assertThat(payload.get("size").asLong()).isEqualTo(first.size());
    assertThat(payload.get("headHash").asText()).isEqualTo(first.headHash());
    assertThat(Instant.parse(payload.get("issuedAt").asText())).isEqualTo(first.issuedAt());
    assertThat(payload.get("note").asText()).isEqualTo(first.note());
    assertThat(payload.size()).isEqualTo(6);

    Path file = sinks.file(tenant).orElseThrow();
    assertThat(file).isEqualTo(dir.toAbsolutePath().resolve(tenant + ".notes"));
    List<String> notes = NotesFile.notes(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(notes).containsExactly(first.note(), second.note());
    assertThat(notes).allMatch(n -> SignedNote.verify(n, Checkpoint.KEY_NAME, signer.publicKey()));
    assertThat(troubled(sinks)).isEmpty();
  }

  @Test
  void withoutSinksNothingIsPublished() {
    CheckpointPublisher sinks = publisher(List.of(), null, FAST);
    grow();
    new CheckpointStore(db.jdbi(), signer, clock, sinks::publish).signHead(tenant).orElseThrow();

    assertThat(sinks.configured()).isFalse();
    assertThat(sinks.deliveries(tenant, null, 10).items()).isEmpty();
    assertThat(troubled(sinks)).isEmpty();
  }

  /** What the health check reports of this test's tenant (the database is shared by the tests). */
  private List<CheckpointDelivery> troubled(CheckpointPublisher sinks) {
    return sinks.health().troubled().stream().filter(d -> d.tenantId().equals(tenant)).toList();
  }

  private CheckpointPublisher publisher(List<Webhook> webhooks, Path directory, RetryPolicy policy) {
    CheckpointPublisher p = new CheckpointPublisher(db.jdbi(), webhooks, Optional.ofNullable(directory), policy,
        stores.ids(), clock);
    publishers.add(p);
    return p;
  }

  /** Appends one entry to the tenant's chain. */
  private void grow() {
    db.jdbi().useTransaction(h -> stores.audit().append(h, tenant, ACTOR, "vendor.reviewed", "ven_1",
        AuditData.object().put("outcome", "approved")));
  }

  /** A checkpoint signed with the real key over a head that is not the chain's. */
  private Checkpoint forged(long size, Instant at) {
    String hash = "ab".repeat(32);
    return new Checkpoint(tenant, size, hash, at, signer.signNote(Checkpoint.body(tenant, size, hash, at)));
  }

  /** Publishes {@code cp} and waits until each of its deliveries is settled, so that order is known. */
  private void publish(CheckpointPublisher sinks, Checkpoint cp) {
    int before = rows().size();
    sinks.publish(cp);
    await(r -> r.size() == before + 2 && r.stream().noneMatch(this::pending));
  }

  private boolean pending(CheckpointDelivery d) {
    return d.status() == Delivery.Status.PENDING;
  }

  private boolean delivered(CheckpointDelivery d) {
    return d.status() == Delivery.Status.DELIVERED;
  }

  /** The tenant's deliveries in the order they were made (ids sort by time). */
  private List<CheckpointDelivery> rows() {
    return publishers.get(0).deliveries(tenant, null, 100).items();
  }

  private List<CheckpointDelivery> await(java.util.function.Predicate<List<CheckpointDelivery>> done) {
    return Poll.until(WAIT, this::rows, done);
  }

  private static String hmac(String secret, long timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }
}
