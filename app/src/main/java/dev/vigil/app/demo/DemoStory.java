package dev.vigil.app.demo;

import dev.vigil.app.config.Stores;
import dev.vigil.collectors.db.ReplayClock;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.ChangeTriggers;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.ReviewDecision;
import dev.vigil.controls.model.ReviewOutcome;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.Severity;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The demo company's last months, told in order on a {@link ReplayClock}: Acme Robotics sets up
 * Vigil, connects its apps, gives three agents their grants, and then lives: agents work three
 * times a day, every change runs the controls it affects, the controls all sweep every {@link
 * DemoWorld#sweepEvery}, a checkpoint is signed after every change, and things go wrong and get
 * fixed. What happens, by day of the story:
 *
 * <ul>
 *   <li>18 to 24: a new vendor (Cloudflare, behind the internal MCP tool server) works unreviewed
 *       for six days (VM-1, VM-3 fail, then pass: a remediated deviation);
 *   <li>20: the sales assistant gets a wildcard grant "for debugging" (AC-1 fails); on day 22 an
 *       exception excuses it until day 52, after which AC-1 fails again, still open today;
 *   <li>30 to 41: Slack's annual security review lapses until it is redone (VM-1, VM-3);
 *   <li>55: the release bot's Slack token leaks in CI logs: a sev2 incident, contained in six
 *       hours, resolved in two days, reviewed in a week; the bot is suspended, and its grant,
 *       unused from then, fails AC-3 thirty days later;
 *   <li>70: the sales assistant is denied sending mail, sends anyway and reports it (AC-6 fails
 *       for a day); and in the last hours it deletes a CRM record no grant allows (AC-6).
 * </ul>
 *
 * Every step goes through the service's own stores, so a refused step (a rule of the product
 * broken by the story) fails the demo rather than writing what the product would not.
 */
final class DemoStory {

  /** The demo's tenant, its first admin token and the admin user's password. */
  record Told(TenantStore.Created created, String password) {}

  private static final Actor DEMO = Actor.system("demo");
  /** Hours of the day at which the agents report their work. */
  private static final int[] WORK_HOURS = {9, 13, 17};

  private final DemoWorld world;
  private final Stores s;
  private final ReplayClock clock;
  private final Instant day0;
  private final Instant end;
  private final Random work = new Random(2026);
  private final SecureRandom secrets = new SecureRandom();
  private Instant nextSweep;
  private Instant nextWork;

  private String t;
  private Actor triageAgent;
  private Actor salesAgent;
  private Actor botAgent;
  private String triage;
  private String sales;
  private String bot;
  private String mail;
  private String crm;
  private String chat;
  private String mcp;
  private boolean botWorking;
  private int thread = 1_000;

  /** A story that starts at midnight {@code day0} and ends at {@code end}. */
  DemoStory(DemoWorld world, ReplayClock clock, Instant day0, Instant end) {
    this.world = world;
    this.s = world.stores();
    this.clock = clock;
    this.day0 = day0;
    this.end = end;
    this.nextSweep = day(1, 0);
    this.nextWork = day(1, WORK_HOURS[0]);
  }

  Told tell() {
    at(day(0, 9));
    TenantStore.Created created = s.tenants().create("Acme Robotics", DEMO);
    t = created.tenant().id();
    String password = secret(12);
    String ada = s.users().create(t, DEMO, "admin@acme.example", "Ada Admin", Role.ADMIN, password).id();
    String omar = s.users().create(t, DEMO, "omar@acme.example", "Omar Ops", Role.ADMIN, secret(12)).id();
    s.users().create(t, DEMO, "carla@acme.example", "Carla Compliance", Role.COMPLIANCE, secret(12));
    s.users().create(t, DEMO, "audrey@audit.example", "Audrey Auditor", Role.AUDITOR, secret(12));

    at(day(0, 10));
    String salesforce = vendor("Salesforce", Criticality.HIGH, "CRM", "customer contacts, deals", omar);
    review(salesforce, daysBefore(200), ReviewOutcome.APPROVED, daysBefore(260));
    String google = vendor("Google Workspace", Criticality.HIGH, "email and documents", "support mail", ada);
    review(google, daysBefore(110), ReviewOutcome.APPROVED, daysBefore(150));
    String slack = vendor("Slack", Criticality.MEDIUM, "team chat", "internal messages", omar);
    // Reviewed 335 days before the story: the review lapses on day 30 (vendorReviewMonths 12).
    review(slack, daysBefore(335), ReviewOutcome.APPROVED, null);
    String anthropic = vendor("Anthropic", Criticality.CRITICAL, "model provider for every agent",
        "prompts with customer data", ada);
    review(anthropic, daysBefore(25), ReviewOutcome.APPROVED_WITH_CONDITIONS, daysBefore(85));
    crm = connection("Acme CRM", "crm", salesforce, "https://acme.my.salesforce.com");
    mail = connection("Support mailbox", "email", google, "https://gmail.googleapis.com");
    chat = connection("Acme Slack", "slack", slack, "wss://wss-primary.slack.com");

    at(day(1, 9));
    triage = s.agents().create(t, DEMO, "support-triage", ada, "Reads the support inbox and drafts replies").id();
    sales = s.agents().create(t, DEMO, "sales-assistant", omar, "Updates CRM opportunities after customer calls")
        .id();
    bot = s.agents().create(t, DEMO, "release-notes-bot", omar, "Posts release notes to Slack").id();
    triageAgent = token(triage);
    salesAgent = token(sales);
    botAgent = token(bot);
    grant(triage, mail, List.of("email:read", "email:draft"), "triage support mail", ada, omar);
    grant(sales, crm, List.of("crm:read", "crm:write"), "keep deals current after calls", omar, ada);
    grant(bot, chat, List.of("slack:post"), "announce releases", omar, ada);
    botWorking = true;

    at(day(2, 11));
    reviewAccess(ada, "scopes match the runbooks");

    at(day(18, 10));
    String cloudflare = vendor("Cloudflare", Criticality.MEDIUM, "hosts the internal MCP tool server",
        "tool call payloads", omar);
    at(day(20, 10));
    mcp = connection("Internal MCP tools", "mcp", cloudflare, "http://mcp.acme.internal:8931/sse");
    String wildcard = grant(sales, mcp, List.of("*"), "temporary debugging of the tool server", omar, omar);
    at(day(22, 15));
    s.exceptions().create(t, DEMO, "AC-1", wildcard, "the tool server has no scoped tool list yet; the grant"
        + " is reviewed when it ships", ada, day(52, 15));
    at(day(24, 16));
    review(cloudflare, clock.instant(), ReviewOutcome.APPROVED, null);

    at(day(41, 11));
    review(slack, clock.instant(), ReviewOutcome.APPROVED, null);

    Instant detected = day(55, 8);
    at(detected);
    String incident = s.incidents().create(t, DEMO, "Slack bot token exposed in CI logs", Severity.SEV2, detected,
        false, "A build log printed the release bot's Slack token; it was rotated.", ada).id();
    at(day(55, 9));
    s.agents().changeStatus(t, DEMO, bot, AgentStatus.SUSPENDED);
    botWorking = false;
    at(day(55, 14));
    timeline(incident, new IncidentStore.Timeline(clock.instant(), null, null, null));
    at(day(57, 10));
    timeline(incident, new IncidentStore.Timeline(null, null, clock.instant(), null));
    at(day(62, 10));
    timeline(incident, new IncidentStore.Timeline(null, null, null, clock.instant()));

    at(day(70, 14));
    s.decisions().authorize(t, salesAgent, sales, mail, "email:send", "thread/" + thread);
    act(salesAgent, sales, mail, "email:send", 1);

    at(day(85, 11));
    reviewAccess(ada, "quarterly review: scopes still match the runbooks");

    at(end.minus(Duration.ofHours(2)));
    act(salesAgent, sales, crm, "crm:delete", 1);
    at(end);
    settle();
    return new Told(created, password);
  }

  /**
   * Does what falls due before {@code moment} (sweeps, the agents' work), signing a checkpoint
   * after each change, and moves the clock to it.
   */
  private void at(Instant moment) {
    settle();
    while (true) {
      Instant next = nextSweep.isBefore(nextWork) ? nextSweep : nextWork;
      if (!next.isBefore(moment)) break;
      clock.moveTo(next);
      if (next.equals(nextSweep)) {
        sweep(next);
        nextSweep = nextSweep.plus(world.sweepEvery());
      } else {
        work();
        nextWork = afterWork(next);
      }
      settle();
    }
    clock.moveTo(moment);
  }

  /** Runs the controls that what just happened affects, as a change would, then signs a checkpoint over it all. */
  private void settle() {
    Set<String> affected = ChangeTriggers.affected(world.runs().catalog(), world.changes().drain());
    if (t != null && !affected.isEmpty()) {
      List<Control> controls = world.runs().catalog().all().stream().filter(c -> affected.contains(c.id())).toList();
      world.runs().runner().run(t, controls, RunTrigger.CHANGE, null);
      world.changes().drain(); // the runs' own entries change nothing a control reads
    }
    world.checkpoints().signDue();
  }

  private void sweep(Instant moment) {
    for (Family f : Family.values()) {
      world.runs().runner().run(t, world.runs().catalog().family(f), RunTrigger.SCHEDULE, moment);
    }
  }

  /** A round of the agents' work: each asks once before acting as its grants allow, then reports what it did. */
  private void work() {
    s.decisions().authorize(t, triageAgent, triage, mail, "email:read", "inbox/support");
    List<EventStore.NewEvent> done = new ArrayList<>();
    did(done, triage, mail, "email:read", 2 + work.nextInt(4));
    did(done, triage, mail, "email:draft", 1 + work.nextInt(2));
    report(triageAgent, triage, done);
    s.decisions().authorize(t, salesAgent, sales, crm, "crm:write", "opportunity/" + thread);
    did(done, sales, crm, "crm:read", 1 + work.nextInt(3));
    did(done, sales, crm, "crm:write", work.nextInt(3));
    if (mcp != null) did(done, sales, mcp, "tools:call", work.nextInt(3));
    report(salesAgent, sales, done);
    if (botWorking && work.nextInt(3) == 0) {
      did(done, bot, chat, "slack:post", 1);
      report(botAgent, bot, done);
    }
  }

  /** Reports {@code count} actions of {@code agent} at once, as its runtime would. */
  private void act(Actor actor, String agent, String connection, String action, int count) {
    List<EventStore.NewEvent> done = new ArrayList<>();
    did(done, agent, connection, action, count);
    report(actor, agent, done);
  }

  /** Adds {@code count} actions, done in the hour before now, to {@code done}. */
  private void did(List<EventStore.NewEvent> done, String agent, String connection, String action, int count) {
    for (int i = 0; i < count; i++) {
      Instant occurred = clock.instant().minusSeconds(60 + work.nextInt(3_540));
      String resource = action.startsWith("crm") ? "opportunity/" + thread++ : "thread/" + thread++;
      done.add(new EventStore.NewEvent(agent, connection, action, resource, "success", occurred, null, null));
    }
  }

  /** Reports and clears {@code done}, with the agent's own token. */
  private void report(Actor actor, String agent, List<EventStore.NewEvent> done) {
    if (done.isEmpty()) return;
    s.events().ingest(t, actor, agent, List.copyOf(done));
    done.clear();
  }

  private Instant afterWork(Instant last) {
    long day = Duration.between(day0, last).toDays();
    int hour = last.atZone(ZoneOffset.UTC).getHour();
    for (int h : WORK_HOURS) {
      if (h > hour) return day(day, h);
    }
    return day(day + 1, WORK_HOURS[0]);
  }

  private Actor token(String agent) {
    return new Actor("token", s.agents().issueToken(t, DEMO, agent, "runtime").token().id());
  }

  private String vendor(String name, Criticality criticality, String services, String data, String owner) {
    return s.vendors().create(t, DEMO, name, criticality, services, data, owner).id();
  }

  private void review(String vendor, Instant reviewedAt, ReviewOutcome outcome, Instant soc2PeriodEnd) {
    s.vendors().review(t, DEMO, vendor, new VendorStore.NewReview(reviewedAt, "Carla Compliance", outcome,
        soc2PeriodEnd == null ? null : LocalDate.ofInstant(soc2PeriodEnd, ZoneOffset.UTC), "annual security review"));
  }

  private String connection(String name, String app, String vendor, String endpoint) {
    String id = s.connections().create(t, DEMO, name, app, vendor, endpoint).id();
    s.connections().storeCredential(t, DEMO, id, "demo-" + app + "-" + secret(24));
    return id;
  }

  private String grant(String agent, String connection, List<String> scopes, String why, String requestedBy,
      String approvedBy) {
    return s.grants().create(t, DEMO, agent, new GrantStore.NewGrant(connection, scopes, why, requestedBy,
        approvedBy, null)).id();
  }

  /** Reviews the access of every active agent. */
  private void reviewAccess(String reviewer, String notes) {
    s.grants().review(t, DEMO, triage, reviewer, ReviewDecision.KEEP, notes);
    s.grants().review(t, DEMO, sales, reviewer, ReviewDecision.KEEP, notes);
    if (botWorking) s.grants().review(t, DEMO, bot, reviewer, ReviewDecision.KEEP, notes);
  }

  private void timeline(String incident, IncidentStore.Timeline timeline) {
    s.incidents().updateTimeline(t, DEMO, incident, timeline);
  }

  /** {@code hour} o'clock on day {@code n} of the story. */
  private Instant day(long n, int hour) {
    return day0.plus(Duration.ofDays(n)).plus(Duration.ofHours(hour));
  }

  private Instant daysBefore(long n) {
    return day0.minus(Duration.ofDays(n));
  }

  private String secret(int bytes) {
    byte[] b = new byte[bytes];
    secrets.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
