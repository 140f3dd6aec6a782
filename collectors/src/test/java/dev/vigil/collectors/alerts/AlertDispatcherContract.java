package dev.vigil.collectors.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.testing.Poll;
import dev.vigil.collectors.testing.Receiver;
import dev.vigil.collectors.testing.Receiver.Answer;
import dev.vigil.collectors.testing.TableDump;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.db.Jdbis;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher against a real receiver and a real database: each test runs on H2 and on
 * PostgreSQL. Retry delays are milliseconds, so backoff is observable without slowing the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AlertDispatcherContract {

  static final String SECRET = "whsec-alpha-0123456789abcdef";
  static final String OTHER_SECRET = "whsec-bravo-0123456789abcdef";
  static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(400),
      Duration.ofSeconds(2));
  static final Duration WAIT = Duration.ofSeconds(8);
  static final ObjectMapper JSON = new ObjectMapper();

  private TestDb db;
  private final Clock clock = Clock.systemUTC();
  private final Ids ids = new Ids(clock);
  private final List<AlertDispatcher> dispatchers = new ArrayList<>();
  private Receiver receiver;
  private String tenant;

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    db = TestDb.of(kind());
  }

  @AfterAll
  void closeDb() {
    if (db != null) db.close();
  }

  @BeforeEach
  void fresh() {
    receiver = new Receiver();
    tenant = ids.next("ten");
  }

  @AfterEach
  void stop() {
    dispatchers.forEach(AlertDispatcher::close);
    dispatchers.clear();
    receiver.close();
  }

  @Test
  void statusChangeReachesEachWebhookOnceSignedWithItsSecret() throws Exception {
    receiver.on("/a", (r, n) -> Answer.of(200)).on("/b", (r, n) -> Answer.of(204));
    Webhook a = new Webhook(receiver.url("/a"), SECRET);
    Webhook b = new Webhook(receiver.url("/b"), OTHER_SECRET);
    AlertDispatcher alerts = dispatcher(List.of(a, b), FAST);
    Instant at = Instant.parse("2025-03-01T12:00:00.123Z");
    long before = Instant.now().getEpochSecond();

    alerts.send(new Alert(tenant, "CC6.1", "Logical access is restricted", "passing", "failing", "run_42",
        at, 3, 1));

    List<Delivery> rows = awaitAll(2, Delivery.Status.DELIVERED);
    assertThat(receiver.requests("/a")).hasSize(1);
    assertThat(receiver.requests("/b")).hasSize(1);
    for (Delivery row : rows) {
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.deliveredAt()).isNotNull();
      assertThat(row.nextAttemptAt()).isNull();
      assertThat(row.lastError()).isNull();
      assertThat(row.tenantId()).isEqualTo(tenant);
      assertThat(row.controlId()).isEqualTo("CC6.1");
    }
    Delivery rowA = only(rows, a.url());
    Delivery rowB = only(rows, b.url());
    assertThat(rowA.lastStatusCode()).isEqualTo(200);
    assertThat(rowB.lastStatusCode()).isEqualTo(204);

    Receiver.Request got = receiver.requests("/a").get(0);
    assertThat(got.header("Content-Type")).isEqualTo("application/json");
    assertThat(got.header("User-Agent")).isEqualTo("Vigil");
    assertThat(got.header("X-Vigil-Delivery")).isEqualTo(rowA.id());
    long timestamp = Long.parseLong(got.header("X-Vigil-Timestamp"));
    assertThat(timestamp).isBetween(before - 1, Instant.now().getEpochSecond() + 1);
    assertThat(got.body()).isEqualTo(rowA.payload());

    JsonNode payload = JSON.readTree(got.body());
    assertThat(payload.get("type").asText()).isEqualTo("control.status_changed");
    assertThat(payload.get("tenantId").asText()).isEqualTo(tenant);
    assertThat(payload.get("controlId").asText()).isEqualTo("CC6.1");
    assertThat(payload.get("title").asText()).isEqualTo("Logical access is restricted");
    assertThat(payload.get("previousStatus").asText()).isEqualTo("passing");
    assertThat(payload.get("status").asText()).isEqualTo("failing");
    assertThat(payload.get("runId").asText()).isEqualTo("run_42");
    assertThat(Instant.parse(payload.get("at").asText())).isEqualTo(at);
    assertThat(payload.get("openFindings").asLong()).isEqualTo(3);
    assertThat(payload.get("exceptions").asLong()).isEqualTo(1);
    assertThat(payload.size()).isEqualTo(10);

    String signature = got.header("X-Vigil-Signature");
    assertThat(signature).isEqualTo("sha256=" + hmac(SECRET, timestamp, got.body()));
    assertThat(signature).isNotEqualTo("sha256=" + hmac(OTHER_SECRET, timestamp, got.body()));
    // The timestamp is part of what is signed: a replay with a fresh timestamp does not verify.
    assertThat(signature).isNotEqualTo("sha256=" + hmac(SECRET, timestamp + 600, got.body()));

    Receiver.Request gotB = receiver.requests("/b").get(0);
    long timestampB = Long.parseLong(gotB.header("X-Vigil-Timestamp"));
    assertThat(gotB.header("X-Vigil-Delivery")).isEqualTo(rowB.id());
    assertThat(gotB.header("X-Vigil-Signature")).isEqualTo("sha256=" + hmac(OTHER_SECRET, timestampB, gotB.body()))
        .isNotEqualTo("sha256=" + hmac(SECRET, timestampB, gotB.body()));
  }

  @Test
  void retriesWithGrowingGapsUntilDelivered() {
    receiver.on("/flaky", (r, n) -> Answer.of(n <= 2 ? 500 : 200));
    AlertDispatcher alerts = dispatcher(List.of(new Webhook(receiver.url("/flaky"), SECRET)), FAST);

    alerts.send(alert("CC7.2"));

    Delivery row = awaitAll(1, Delivery.Status.DELIVERED).get(0);
    assertThat(row.attempts()).isEqualTo(3);
    assertThat(row.lastStatusCode()).isEqualTo(200);
    List<Receiver.Request> got = receiver.requests("/flaky");
    assertThat(got).hasSize(3);
    assertThat(got).extracting(r -> r.header("X-Vigil-Delivery")).containsOnly(row.id());
    Duration first = Duration.ofNanos(got.get(1).receivedNanos() - got.get(0).receivedNanos());
    Duration second = Duration.ofNanos(got.get(2).receivedNanos() - got.get(1).receivedNanos());
    // A timer never fires early, so these lower bounds hold however loaded the machine is.
    assertThat(first).isGreaterThanOrEqualTo(FAST.delayAfter(1));
    assertThat(second).isGreaterThanOrEqualTo(FAST.delayAfter(2)).isGreaterThan(FAST.delayAfter(1));
  }

  @Test
  void failsAfterMaxAttemptsRecordingWhy() throws Exception {
    String longBody = "down for maintenance " + "x".repeat(1000);
    receiver.on("/down", (r, n) -> new Answer(503, longBody, Duration.ZERO));
    String refused;
    try (ServerSocket s = new ServerSocket(0)) {
      refused = "http://127.0.0.1:" + s.getLocalPort() + "/closed";
    }
    AlertDispatcher alerts = dispatcher(List.of(new Webhook(receiver.url("/down"), SECRET),
        new Webhook(refused, SECRET)), FAST);

    alerts.send(alert("CC7.3"));

    List<Delivery> rows = awaitAll(2, Delivery.Status.FAILED);
    assertThat(receiver.requests("/down")).hasSize(FAST.maxAttempts());
    Delivery down = only(rows, receiver.url("/down"));
    assertThat(down.attempts()).isEqualTo(FAST.maxAttempts());
    assertThat(down.lastStatusCode()).isEqualTo(503);
    assertThat(down.lastError()).startsWith("HTTP 503: down for maintenance")
        .hasSizeLessThanOrEqualTo("HTTP 503: ".length() + FailureReason.MAX_BODY_IN_ERROR);
    assertThat(down.nextAttemptAt()).isNull();
    assertThat(down.deliveredAt()).isNull();
    Delivery closed = only(rows, refused);
    assertThat(closed.attempts()).isEqualTo(FAST.maxAttempts());
    assertThat(closed.lastStatusCode()).isNull();
    assertThat(closed.lastError()).startsWith("connection failed");
  }

  @Test
  void aReceiverThatDoesNotAnswerInTimeFails() {
    receiver.on("/slow", (r, n) -> new Answer(200, "", Duration.ofMillis(1500)));
    RetryPolicy impatient = new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(300));
    AlertDispatcher alerts = dispatcher(List.of(new Webhook(receiver.url("/slow"), SECRET)), impatient);

    alerts.send(alert("CC7.4"));

    Delivery row = awaitAll(1, Delivery.Status.FAILED).get(0);
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(row.lastStatusCode()).isNull();
    assertThat(row.lastError()).isEqualTo("timed out after 300 ms");
  }

  @Test
  void sendReturnsAtOnceWhileTheReceiverHoldsTheRequest() {
    Duration hold = Duration.ofSeconds(1);
    receiver.on("/held", (r, n) -> new Answer(200, "", hold));
    RetryPolicy patient = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(6));
    AlertDispatcher alerts = dispatcher(List.of(new Webhook(receiver.url("/held"), SECRET)), patient);

    long start = System.nanoTime();
    alerts.send(alert("CC8.1"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Synchronous delivery would take at least the hold; a third of it is a generous margin.
    assertThat(took).isLessThan(hold.dividedBy(3));
    Poll.until(WAIT, () -> receiver.requests("/held"), r -> !r.isEmpty());
    assertThat(rows()).singleElement().extracting(Delivery::status).isEqualTo(Delivery.Status.PENDING);
    Delivery row = awaitAll(1, Delivery.Status.DELIVERED).get(0);
    assertThat(row.attempts()).isEqualTo(1);
  }

  @Test
  void sendDoesNotWaitForTheDatabase() {
    receiver.on("/db", (r, n) -> Answer.of(200));
    Duration hold = Duration.ofSeconds(1);
    DataSource real = db.dataSource();
    AtomicBoolean first = new AtomicBoolean(true);
    // Only the first connection is slow: the one send() would use if it touched the database.
    DataSource slow = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConnection") && first.getAndSet(false)) Thread.sleep(hold.toMillis());
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    AlertDispatcher alerts = new AlertDispatcher(Jdbis.configure(Jdbi.create(slow)),
        List.of(new Webhook(receiver.url("/db"), SECRET)), FAST, ids, clock);
    dispatchers.add(alerts);

    long start = System.nanoTime();
    alerts.send(alert("CC8.2"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(hold.dividedBy(3));
    Poll.until(WAIT, () -> receiver.requests("/db"), r -> r.size() == 1);
  }

  @Test
  void noSecretReachesRowsOrLogs() {
    String user = "hookuser7";
    String password = "hookpass-9f3k";
    String token = "tok-7q2x9-zz";
    receiver.on("/ok", (r, n) -> Answer.of(200))
        // The secret straddles the 200 characters kept of a body: no prefix of it may survive.
        .on("/echo", (r, n) -> {
          String said = "rejected " + r.query() + " " + r.header("Authorization") + " ";
          return new Answer(401, said + "x".repeat(190 - said.length()) + OTHER_SECRET, Duration.ZERO);
        });
    Webhook withCredentials = new Webhook(
        "http://" + user + ":" + password + "@127.0.0.1:" + receiver.port() + "/ok?token=" + token + "#frag", SECRET);
    Webhook echo = new Webhook(
        "http://" + user + ":" + password + "@127.0.0.1:" + receiver.port() + "/echo?token=" + token, OTHER_SECRET);
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    List<String> secrets = List.of(SECRET, OTHER_SECRET, OTHER_SECRET.substring(0, 10), password, token, user,
        basic);
    assertThat(withCredentials.toString()).doesNotContain(secrets);

    Logger logger = (Logger) LoggerFactory.getLogger(AlertDispatcher.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      AlertDispatcher alerts = dispatcher(List.of(withCredentials, echo),
          new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofSeconds(2)));
      alerts.send(alert("CC6.6"));
      Poll.until(WAIT, this::rows, r -> r.size() == 2 && r.stream().allMatch(d -> d.status() != Delivery.Status.PENDING));
    } finally {
      logger.detachAppender(logs);
    }

    // The receiver did get the credentials and the query: they are for it.
    Receiver.Request got = receiver.requests("/ok").get(0);
    assertThat(got.query()).isEqualTo("token=" + token);
    assertThat(got.header("Authorization")).isEqualTo("Basic " + basic);

    List<Delivery> rows = rows();
    assertThat(rows).extracting(Delivery::webhook)
        .containsExactlyInAnyOrder(stored(receiver.url("/ok")), stored(receiver.url("/echo")));
    assertThat(only(rows, receiver.url("/ok")).status()).isEqualTo(Delivery.Status.DELIVERED);
    Delivery echoed = only(rows, receiver.url("/echo"));
    assertThat(echoed.status()).isEqualTo(Delivery.Status.FAILED);
    assertThat(echoed.lastStatusCode()).isEqualTo(401);
    // The receiver echoed the secrets back; the stored error keeps the rest of what it said.
    assertThat(echoed.lastError()).startsWith("HTTP 401: rejected").contains("(redacted)");

    String dump = TableDump.of(db);
    assertThat(dump).contains(echoed.id()).doesNotContain(secrets);

    String logged = logs.list.stream()
        .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
            : ThrowableProxyUtil.asString(e.getThrowableProxy())))
        .collect(Collectors.joining("\n"));
    assertThat(logged).contains(receiver.url("/echo")).doesNotContain(secrets);
  }

  @Test
  void aRestartedDispatcherDeliversWhatAClosedOneLeftPending() {
    receiver.on("/later", (r, n) -> Answer.of(n == 1 ? 502 : 200));
    Webhook hook = new Webhook(receiver.url("/later"), SECRET);
    AlertDispatcher first = dispatcher(List.of(hook),
        new RetryPolicy(4, Duration.ofMillis(400), Duration.ofSeconds(1), Duration.ofSeconds(2)));
    first.send(alert("CC9.1"));
    Delivery left = Poll.until(WAIT, this::rows, r -> r.size() == 1 && r.get(0).attempts() == 1).get(0);
    first.close();
    assertThat(left.status()).isEqualTo(Delivery.Status.PENDING);
    assertThat(left.lastStatusCode()).isEqualTo(502);
    assertThat(left.nextAttemptAt()).isAfter(left.createdAt());

    AlertDispatcher second = dispatcher(List.of(new Webhook(receiver.url("/later"), SECRET)), FAST);
    second.start();

    Delivery row = awaitAll(1, Delivery.Status.DELIVERED).get(0);
    assertThat(row.id()).isEqualTo(left.id());
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(receiver.requests("/later")).extracting(r -> r.header("X-Vigil-Delivery"))
        .containsExactly(left.id(), left.id());
    assertThat(receiver.requests("/later").get(1).body()).isEqualTo(left.payload());
  }

  @Test
  void startAbandonsDeliveriesToWebhooksNoLongerConfigured() {
    receiver.on("/gone", (r, n) -> Answer.of(500)).on("/kept", (r, n) -> Answer.of(200));
    AlertDispatcher first = dispatcher(List.of(new Webhook(receiver.url("/gone"), SECRET)),
        new RetryPolicy(4, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2)));
    first.send(alert("CC9.2"));
    Poll.until(WAIT, this::rows, r -> r.size() == 1 && r.get(0).attempts() == 1);
    first.close();

    AlertDispatcher second = dispatcher(List.of(new Webhook(receiver.url("/kept"), SECRET)), FAST);
    second.start();

    Delivery row = awaitAll(1, Delivery.Status.FAILED).get(0);
    assertThat(row.lastError()).isEqualTo("webhook no longer configured");
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.lastStatusCode()).isEqualTo(500);
    assertThat(receiver.requests("/gone")).hasSize(1);
    assertThat(receiver.requests("/kept")).isEmpty();
  }

  @Test
  void webhooksThatOnlyDifferInCredentialsOrQueryAreRejected() {
    List<Webhook> ambiguous = List.of(new Webhook("https://hooks.example/in?token=aaaa", SECRET),
        new Webhook("https://u:p@hooks.example/in?token=bbbb", OTHER_SECRET));
    assertThatThrownBy(() -> new AlertDispatcher(db.jdbi(), ambiguous, FAST, ids, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://hooks.example/in")
        .hasMessageNotContaining("token");
  }

  private AlertDispatcher dispatcher(List<Webhook> webhooks, RetryPolicy policy) {
    AlertDispatcher d = new AlertDispatcher(db.jdbi(), webhooks, policy, ids, clock);
    dispatchers.add(d);
    return d;
  }

  private Alert alert(String controlId) {
    return new Alert(tenant, controlId, "A control", "passing", "failing", "run_1", Instant.now(), 2, 0);
  }

  private List<Delivery> rows() {
    return dispatchers.isEmpty() ? List.of() : dispatchers.get(0).deliveries(tenant, null, 100).items();
  }

  private List<Delivery> awaitAll(int count, Delivery.Status status) {
    return Poll.until(WAIT, this::rows, r -> r.size() == count && r.stream().allMatch(d -> d.status() == status));
  }

  /** How the dispatcher names {@code url} in rows and logs. */
  private static String stored(String url) {
    return new Webhook(url, SECRET).safeUrl();
  }

  /** The one delivery to the webhook at {@code url}. */
  private static Delivery only(List<Delivery> rows, String url) {
    String webhook = stored(url);
    return rows.stream().filter(d -> d.webhook().equals(webhook)).reduce((x, y) -> {
      throw new AssertionError("two deliveries to " + webhook);
    }).orElseThrow(() -> new AssertionError("no delivery to " + webhook + " in " + rows));
  }

  private static String hmac(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
