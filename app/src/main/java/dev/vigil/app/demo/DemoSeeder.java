package dev.vigil.app.demo;

import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.tenancy.TenantStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Role;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seeds the demo tenant "Acme Robotics" into an empty database and prints, once, how to use
 * it. Runs at most once per database: a database with any tenant is left alone.
 */
public final class DemoSeeder {

  private static final Actor DEMO = Actor.system("demo");

  private final TenantStore tenants;
  private final UserStore users;
  private final AgentStore agents;
  private final PrintStream out;

  public DemoSeeder(TenantStore tenants, UserStore users, AgentStore agents, PrintStream out) {
    this.tenants = tenants;
    this.users = users;
    this.agents = agents;
    this.out = out;
  }

  /** Seeds and prints the sign-in instructions; returns false when the database had tenants. */
  public boolean seedIfEmpty(int httpPort) {
    if (tenants.count() > 0) return false;
    TenantStore.Created created = tenants.create("Acme Robotics", DEMO);
    String t = created.tenant().id();
    String password = randomPassword();
    String admin = users.create(t, DEMO, "admin@acme.example", "Ada Admin", Role.ADMIN, password).id();
    String ops = users.create(t, DEMO, "omar@acme.example", "Omar Ops", Role.ADMIN, randomPassword()).id();
    users.create(t, DEMO, "carla@acme.example", "Carla Compliance", Role.COMPLIANCE, randomPassword());
    users.create(t, DEMO, "audrey@audit.example", "Audrey Auditor", Role.AUDITOR, randomPassword());
    agents.create(t, DEMO, "support-triage", admin, "Reads the support inbox and drafts replies");
    agents.create(t, DEMO, "sales-assistant", ops, "Updates CRM opportunities after customer calls");
    Agent bot = agents.create(t, DEMO, "release-notes-bot", ops, "Posts release notes to Slack");
    agents.changeStatus(t, DEMO, bot.id(), AgentStatus.SUSPENDED);

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
    return true;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
