package dev.vigil.app.demo;

import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.ReviewDecision;
import dev.vigil.controls.model.ReviewOutcome;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.Severity;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * Seeds the demo tenant "Acme Robotics" into an empty database and prints, once, how to use
 * it: people, agents, vendors with reviews, connections with (random) credentials, grants
 * (one of them over-broad), and a past incident. A database with any tenant is left alone.
 */
public final class DemoSeeder {

  /** The stores the demo writes through, so every demo fact is audited like a real one. */
  public record Stores(TenantStore tenants, UserStore users, AgentStore agents, VendorStore vendors,
      ConnectionStore connections, GrantStore grants, IncidentStore incidents) {}

  private static final Actor DEMO = Actor.system("demo");

  private final Stores s;
  private final Clock clock;
  private final PrintStream out;
  private final SecureRandom random = new SecureRandom();

  public DemoSeeder(Stores stores, Clock clock, PrintStream out) {
    this.s = stores;
    this.clock = clock;
    this.out = out;
  }

  /** Seeds and prints the sign-in instructions; returns false when the database had tenants. */
  public boolean seedIfEmpty(int httpPort) {
    if (s.tenants().count() > 0) return false;
    TenantStore.Created created = s.tenants().create("Acme Robotics", DEMO);
    String t = created.tenant().id();
    Instant now = clock.instant();
    String password = randomSecret(12);

    String ada = s.users().create(t, DEMO, "admin@acme.example", "Ada Admin", Role.ADMIN, password).id();
    String omar = s.users().create(t, DEMO, "omar@acme.example", "Omar Ops", Role.ADMIN, randomSecret(12)).id();
    s.users().create(t, DEMO, "carla@acme.example", "Carla Compliance", Role.COMPLIANCE, randomSecret(12));
    s.users().create(t, DEMO, "audrey@audit.example", "Audrey Auditor", Role.AUDITOR, randomSecret(12));

    String salesforce = vendor(t, "Salesforce", Criticality.HIGH, "CRM", "customer contacts, deals",
        now.minus(days(60)), ReviewOutcome.APPROVED, LocalDate.ofInstant(now.minus(days(120)), ZoneOffset.UTC));
    String google = vendor(t, "Google Workspace", Criticality.HIGH, "email and documents",
        "support mail", now.minus(days(200)), ReviewOutcome.APPROVED,
        LocalDate.ofInstant(now.minus(days(250)), ZoneOffset.UTC));
    String slack = vendor(t, "Slack", Criticality.MEDIUM, "team chat", "internal messages",
        now.minus(days(430)), ReviewOutcome.APPROVED, null);
    vendor(t, "Anthropic", Criticality.CRITICAL, "model provider for every agent",
        "prompts with customer data", now.minus(days(30)), ReviewOutcome.APPROVED_WITH_CONDITIONS,
        LocalDate.ofInstant(now.minus(days(90)), ZoneOffset.UTC));
    String cloudflare = s.vendors().create(t, DEMO, "Cloudflare", Criticality.MEDIUM,
        "hosts the internal MCP tool server", "tool call payloads").id();

    String crm = connection(t, "Acme CRM", "crm", salesforce, "https://acme.my.salesforce.com");
    String mail = connection(t, "Support mailbox", "email", google, "https://gmail.googleapis.com");
    String chat = connection(t, "Acme Slack", "slack", slack, "wss://wss-primary.slack.com");
    String mcp = connection(t, "Internal MCP tools", "mcp", cloudflare, "http://mcp.acme.internal:8931/sse");

    String triage = s.agents().create(t, DEMO, "support-triage", ada,
        "Reads the support inbox and drafts replies").id();
    String sales = s.agents().create(t, DEMO, "sales-assistant", omar,
        "Updates CRM opportunities after customer calls").id();
    String bot = s.agents().create(t, DEMO, "release-notes-bot", omar, "Posts release notes to Slack").id();
    grant(t, triage, mail, List.of("email:read", "email:draft"), "triage support mail", ada, omar);
    grant(t, sales, crm, List.of("crm:read", "crm:write"), "keep deals current after calls", omar, ada);
    grant(t, sales, mcp, List.of("*"), "temporary debugging of the tool server", omar, omar);
    grant(t, bot, chat, List.of("slack:post"), "announce releases", omar, ada);
    s.agents().changeStatus(t, DEMO, bot, AgentStatus.SUSPENDED);
    s.grants().review(t, DEMO, triage, ada, ReviewDecision.KEEP, "scopes match the triage runbook");

    Instant detected = now.minus(days(40));
    var incident = s.incidents().create(t, DEMO, "Slack bot token exposed in CI logs", Severity.SEV2,
        detected, false, "A build log printed the release bot's Slack token; it was rotated.");
    s.incidents().updateTimeline(t, DEMO, incident.id(), new IncidentStore.Timeline(
        detected.plus(Duration.ofHours(6)), null, detected.plus(days(2)), detected.plus(days(7))));

    printWelcome(created, t, httpPort, password);
    return true;
  }

  private String vendor(String t, String name, Criticality criticality, String services, String data,
      Instant reviewedAt, ReviewOutcome outcome, LocalDate soc2PeriodEnd) {
    String id = s.vendors().create(t, DEMO, name, criticality, services, data).id();
    s.vendors().review(t, DEMO, id, new VendorStore.NewReview(reviewedAt, "Carla Compliance", outcome,
        soc2PeriodEnd, "annual security review"));
    return id;
  }

  private String connection(String t, String name, String app, String vendor, String endpoint) {
    String id = s.connections().create(t, DEMO, name, app, vendor, endpoint).id();
    s.connections().storeCredential(t, DEMO, id, "demo-" + app + "-" + randomSecret(24));
    return id;
  }

  private void grant(String t, String agent, String connection, List<String> scopes, String why,
      String requestedBy, String approvedBy) {
    s.grants().create(t, DEMO, agent, new GrantStore.NewGrant(connection, scopes, why, requestedBy,
        approvedBy, null));
  }

  private void printWelcome(TenantStore.Created created, String t, int httpPort, String password) {
    String token = created.adminToken().secret();
    out.println();
    out.println("==================================================================");
    out.println(" Vigil demo data created: tenant \"Acme Robotics\" (" + t + ")");
    out.println();
    out.println(" Admin API token (shown once, keep it):");
    out.println("   " + token);
    out.println(" Try it:");
    out.println("   curl -H 'Authorization: Bearer " + token + "' \\");
    out.println("        http://localhost:" + httpPort + "/api/v1/agents");
    out.println();
    out.println(" Demo admin user: admin@acme.example, password: " + password);
    out.println(" More tenants: java -jar app/target/vigil.jar tenant-create --name NAME config.yml");
    out.println("==================================================================");
    out.println();
  }

  private static Duration days(long n) {
    return Duration.ofDays(n);
  }

  private String randomSecret(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
