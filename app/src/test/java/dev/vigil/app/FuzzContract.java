package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.app.Endpoints.Endpoint;
import dev.vigil.app.Endpoints.Segment;
import dev.vigil.app.FuzzRequests.Request;
import dev.vigil.app.Http.Reply;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated requests to every endpoint the server registers, with tokens of every
 * role, another tenant's and none: no answer is a 5xx, every 4xx is the API's JSON error, and
 * a request that does not succeed leaves the audit chain and the stored data as they were. A
 * request that succeeds may change things; that is what it is for. One server per database,
 * {@value #TRIES} requests from seed {@value #SEED} unless the system properties
 * {@code vigil.fuzz.tries} and {@code vigil.fuzz.seed} (a number, or {@code random}) say
 * otherwise: a fixed seed keeps CI reproducible and bounded (see README "Tests").
 */
abstract class FuzzContract extends ApiFixture {

  static final int TRIES = 2000;
  static final long SEED = 20260120L;

  private FuzzRequests requests;
  private StoredState state;
  private String before;
  private Request previous;
  private final Map<String, Integer> answers = new TreeMap<>();

  @BeforeAll
  void fuzzFixture() throws Exception {
    String agentA = newAgent("fuzz-bot");
    String agentToken = created(http.post(adminA, "/api/v1/agents/" + agentA + "/tokens", null)).get("token").asText();
    for (String admin : List.of(adminA, adminB)) objects(admin);
    assertThat(http.post(adminA, "/api/v1/reports", "{\"from\":\"" + Instant.now().minusSeconds(60)
        + "\",\"to\":\"" + Instant.now() + "\"}").status()).isEqualTo(202);
    List<Endpoint> endpoints = Endpoints.of(server.resourceClasses());
    assertThat(endpoints).hasSizeGreaterThan(40);
    KnownIds ours = harvest(endpoints, adminA);
    KnownIds theirs = harvest(endpoints, adminB);
    requests = new FuzzRequests(endpoints, Arrays.asList(null, "vgl_unknown", adminA, compliance, auditor, ingest,
        agentToken, adminB), ours, theirs);
    state = new StoredState(server.connect());
    assertThat(state.tables()).hasSizeGreaterThan(10);
    before = state.read();
  }

  /** One of each kind of object in the tenant {@code admin} administers, so real ids can be fuzzed. */
  private void objects(String admin) {
    String approver = created(http.post(admin, "/api/v1/users", user("fuzz-approver@acme.example", "admin")))
        .get("id").asText();
    String vendor = created(http.post(admin, "/api/v1/vendors", ControlPlaneApiContract.vendor("Fuzz", "high")))
        .get("id").asText();
    String connection = created(http.post(admin, "/api/v1/connections",
        ControlPlaneApiContract.connection("Fuzz CRM", vendor, "https://fuzz.example"))).get("id").asText();
    assertThat(http.send(admin, "PUT", "/api/v1/connections/" + connection + "/credential",
        "{\"secret\":\"fuzz-secret\"}", "application/json").status()).isEqualTo(204);
    String agent = created(http.post(admin, "/api/v1/agents", agent("fuzz-granted", approver))).get("id").asText();
    String grant = created(http.post(admin, "/api/v1/agents/" + agent + "/grants", "{\"connectionId\":\"" + connection
        + "\",\"scopes\":[\"crm:read\"],\"requestedBy\":\"" + approver + "\",\"approvedBy\":\"" + approver + "\"}"))
        .get("id").asText();
    created(http.post(admin, "/api/v1/incidents", ControlPlaneApiContract.incident("fuzz",
        Instant.now().minus(1, ChronoUnit.HOURS))));
    created(http.post(admin, "/api/v1/exceptions", "{\"controlId\":\"AC-1\",\"subjectId\":\"" + grant + "\","
        + "\"reason\":\"fuzz\",\"approvedBy\":\"" + approver + "\",\"expiresAt\":\""
        + Instant.now().plus(7, ChronoUnit.DAYS) + "\"}"));
    created(http.post(admin, "/api/v1/vendors/" + vendor + "/reviews", "{\"reviewedAt\":\""
        + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"reviewer\":\"fuzz\",\"outcome\":\"approved\"}"));
  }

  /**
   * The ids every list endpoint shows {@code admin}, first those with no path parameter, then
   * those under one (an agent's grants, a control's runs) for the ids found so far.
   */
  private KnownIds harvest(List<Endpoint> endpoints, String admin) {
    KnownIds ids = new KnownIds();
    List<Endpoint> lists = endpoints.stream().filter(e -> e.method().equals("GET"))
        .sorted(Comparator.comparingLong(e -> e.segments().stream().filter(Segment::isParam).count())).toList();
    for (Endpoint e : lists) {
      for (String path : concretePaths(e, ids)) {
        Reply r = http.get(admin, path + (e.queryParams().contains("limit") ? "?limit=1000" : ""));
        if (r.status() == 200) ids.collect(collection(e), r.json());
      }
    }
    return ids;
  }

  /** {@code e}'s path with each parameter filled with up to three known ids of its collection. */
  private static List<String> concretePaths(Endpoint e, KnownIds ids) {
    List<String> paths = new ArrayList<>(List.of(""));
    String collection = null;
    for (Segment s : e.segments()) {
      List<String> values = s.isParam() ? ids.of(s.param().equals("type") ? "type" : collection) : List.of(s.literal());
      if (!s.isParam()) collection = s.literal();
      List<String> next = new ArrayList<>();
      for (String p : paths) values.stream().limit(3).forEach(v -> next.add(p + "/" + v));
      paths = next;
    }
    return paths;
  }

  /** The collection a list's items belong to: its last literal segment, or the one before {@code search}. */
  private static String collection(Endpoint e) {
    List<String> literals = e.segments().stream().filter(s -> !s.isParam()).map(Segment::literal).toList();
    String last = literals.get(literals.size() - 1);
    return last.equals("search") && literals.size() > 1 ? literals.get(literals.size() - 2) : last;
  }

  /**
   * Sends {@code r}, once more if no answer came: Jetty closes a connection after a request it
   * cannot parse, and the JDK client may have picked that connection for the next request
   * before seeing it closed, so that request never reached the server.
   */
  private Reply send(Request r) {
    try {
      return http.send(r.token(), r.method(), r.path(), r.body(), r.contentType(), r.accept());
    } catch (java.io.UncheckedIOException closed) {
      answers.merge("resent", 1, Integer::sum);
      try {
        return http.send(r.token(), r.method(), r.path(), r.body(), r.contentType(), r.accept());
      } catch (java.io.UncheckedIOException e) {
        throw new AssertionError("no answer to " + r + "\n  after " + previous, e);
      }
    } finally {
      previous = r;
    }
  }

  @AfterAll
  void closeState() throws Exception {
    System.out.println(getClass().getSimpleName() + " answers: " + answers);
    if (state != null) state.close();
  }

  @Test
  void noAnswerIs5xxEveryRefusalIsAJsonErrorAndChangesNothing() throws Exception {
    int tries = Integer.getInteger("vigil.fuzz.tries", TRIES);
    String seedProperty = System.getProperty("vigil.fuzz.seed", Long.toString(SEED));
    long seed = seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
    Random random = new Random(seed);
    for (int i = 0; i < tries; i++) {
      try {
        check(random);
      } catch (AssertionError e) {
        throw new AssertionError("request " + (i + 1) + " of " + tries + " from -Dvigil.fuzz.seed=" + seed
            + "\n" + e.getMessage(), e);
      }
    }
  }

  private void check(Random random) throws Exception {
    Request r = requests.next(random);
    long t0 = System.nanoTime();
    Reply reply = send(r);
    long t1 = System.nanoTime();
    String after = state.read();
    answers.merge("sendMs", (int) ((t1 - t0) / 1_000_000), Integer::sum);
    answers.merge("readMs", (int) ((System.nanoTime() - t1) / 1_000_000), Integer::sum);
    int status = reply.status();
    answers.merge(status + "", 1, Integer::sum);
    String text = reply.text();
    String what = r + "\n  -> " + status + " " + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
    assertThat(status).as(what).isLessThan(500);
    if (status >= 400) {
      assertThat(reply.contentType()).as(what).startsWith("application/json");
      assertThat(reply.get("code").asInt()).as(what).isEqualTo(status);
      assertThat(reply.get("message").asText()).as(what).isNotBlank();
    }
    if (status < 200 || status >= 300) assertThat(after).as("stored state changed by a refusal: " + what)
        .isEqualTo(before);
    before = after;
  }
}
