package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.app.config.ControlsFactory;
import dev.vigil.collectors.monitoring.FindingSla;
import dev.vigil.app.config.Reports;
import dev.vigil.app.demo.DemoSeeder;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.collectors.reports.ReportFile;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.ApiToken;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.Scopes;
import dev.vigil.reports.PackageLayout;
import dev.vigil.reports.ReportRequest;
import dev.vigil.reports.period.Period;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo, seeded once into H2: a believable company whose printed token and password work,
 * and whose replayed months give a 90-day Type II report something to say.
 */
class DemoSeederTest {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static TestDb db;
  private static TestStores s;
  private static String printed;
  private static String tenant;

  @BeforeAll
  static void seed() {
    db = TestDb.h2();
    s = TestStores.on(db, CLOCK);
    DemoSeeder seeder = new DemoSeeder(db.jdbi(), s.master(), new ControlsFactory().parameters(), FindingSla.DEFAULT, Duration.ofMinutes(5), CLOCK);
    DemoSeeder.Welcome welcome = seeder.seedIfEmpty(8080).orElseThrow();
    printed = welcome.text();
    assertThat(welcome.toString()).doesNotContain("vgl_");
    Matcher token = Pattern.compile("(vgl_[A-Za-z0-9_-]{43})").matcher(printed);
    assertThat(token.find()).as(printed).isTrue();
    ApiToken admin = s.tokens().authenticate(token.group(1)).orElseThrow();
    assertThat(admin.role()).isEqualTo(Role.ADMIN);
    tenant = admin.tenantId();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void aSecondSeedLeavesADatabaseWithATenantAlone() {
    DemoSeeder again = new DemoSeeder(db.jdbi(), s.master(), new ControlsFactory().parameters(), FindingSla.DEFAULT,
        Duration.ofMinutes(5), CLOCK);

    assertThat(again.seedIfEmpty(8080)).isEmpty();
    assertThat(s.tenants().count()).isEqualTo(1);
  }

  @Test
  void thePrintedTokenAndPasswordWorkAndTheCompanyIsBelievable() {
    assertThat(printed).contains("http://localhost:8080/api/v1/agents").contains("admin@acme.example")
        .contains("Dashboard: http://localhost:8080/");
    Matcher password = Pattern.compile("password: (\\S+)").matcher(printed);
    assertThat(password.find()).isTrue();
    assertThat(s.users().authenticate(tenant, "admin@acme.example", password.group(1))).isPresent();
    // The dashboard's sign-in finds the tenant from the email alone.
    assertThat(s.users().workspaces("admin@acme.example")).extracting(UserStore.Workspace::tenantId)
        .containsExactly(tenant);

    var agents = s.agents().list(tenant, "", 100).items();
    assertThat(agents).hasSize(3).anyMatch(a -> a.status() == AgentStatus.SUSPENDED);
    assertThat(s.vendors().list(tenant, "", 100).items()).hasSizeGreaterThanOrEqualTo(5);
    var connections = s.connections().list(tenant, "", 100).items();
    assertThat(connections).extracting(v -> v.connection().app()).contains("crm", "email", "slack", "mcp");
    assertThat(connections).allSatisfy(v -> assertThat(v.credential()).isNotNull());
    assertThat(agents).flatMap(a -> s.grants().ofAgent(tenant, a.id(), false, "", 100).items())
        .anyMatch(g -> g.scopes().stream().anyMatch(Scopes::isBroad));
    assertThat(s.incidents().list(tenant, "", 10).items()).hasSize(1);
  }

  @Test
  void todayEveryControlHasSomethingToTestButIr2() {
    Map<String, ControlStatus> statuses = new HashMap<>();
    new ControlQueries(db.jdbi()).statuses(tenant).forEach(r -> statuses.put(r.controlId(), r.status()));
    assertThat(statuses).hasSize(18).doesNotContainValue(ControlStatus.NOT_RUN).doesNotContainValue(ControlStatus.ERROR);
    assertThat(statuses.entrySet()).filteredOn(e -> e.getValue() == ControlStatus.NOT_APPLICABLE)
        .extracting(Map.Entry::getKey).as("the one incident touched no customer data").containsExactly("IR-2");
    assertThat(statuses).containsEntry("AC-1", ControlStatus.FAILING).containsEntry("IR-1", ControlStatus.PASSING);
  }

  @Test
  void theHistoryIsOneIntactChainInTimeOrderEndingNow() {
    var verification = s.auditLog().verify(tenant);
    assertThat(verification.intact()).isTrue();
    assertThat(s.tenants().find(tenant).orElseThrow().createdAt())
        .isBefore(NOW.minus(Duration.ofDays(94))).isAfter(NOW.minus(Duration.ofDays(96)));
    assertThat(verification.checked()).as("months of runs, work and checkpoints").isGreaterThan(2_000);
    var last = s.auditLog().after(tenant, verification.checked() - 1, 1);
    assertThat(last).singleElement().satisfies(e -> assertThat(e.time()).isBeforeOrEqualTo(NOW)
        .isAfter(NOW.minus(Duration.ofHours(7))));
  }

  @Test
  void aReportOnTheLast90DaysNamesWhatWentWrongAndWhatWasFixedAndNothingUntested(@TempDir Path dir)
      throws IOException {
    CheckpointStore checkpoints = new CheckpointStore(db.jdbi(), CheckpointSigner.loadOrCreate(db.jdbi(), s.master(),
        CLOCK), CLOCK);
    ControlsFactory controls = new ControlsFactory();
    var generator = Reports.generator(db.jdbi(), s.audit(), checkpoints, s.master(),
        new Catalog(controls.parameters()), controls.schedules(), s.ids(), CLOCK);
    Period last90 = new Period(NOW.minus(Duration.ofDays(90)), NOW);

    var artifacts = generator.generate(new ReportRequest("rep_demo", tenant, null, last90, NOW), dir, p -> { });

    assertThat(artifacts.files()).extracting(ReportFile::name).contains(ReportFile.PACKAGE);
    Map<String, String> pack = unzip(dir.resolve(ReportFile.PACKAGE));
    Map<String, List<String[]>> deviations = new HashMap<>();
    for (String control : List.of("AC-1", "AC-3", "AC-6", "VM-1", "VM-3", "IR-1", "LG-1", "LG-3", "EN-2")) {
      deviations.put(control, rows(pack.get(PackageLayout.deviations(control))));
    }
    // Columns: control, deviation, kind, status, start, began_before_period, end, open_at_period_end, ...
    assertThat(deviations.get("VM-1")).as("two unreviewed stretches, both remediated")
        .extracting(r -> r[1] + "/" + r[7]).containsOnly("1/false", "2/false");
    assertThat(deviations.get("AC-1")).as("the wildcard grant fails again once its exception lapses")
        .extracting(r -> r[7]).contains("true");
    assertThat(pack.get(PackageLayout.EXCEPTIONS)).contains("AC-1").contains("tool server");
    assertThat(deviations.get("AC-6")).extracting(r -> r[7]).contains("false", "true");
    assertThat(deviations.get("AC-3")).as("the suspended bot's unused grant").isNotEmpty();
    assertThat(deviations.get("IR-1")).as("contained within its SLA").isEmpty();
    assertThat(deviations.get("LG-1")).isEmpty();
    assertThat(deviations.get("LG-3")).isEmpty();
    assertThat(deviations.get("EN-2")).isEmpty();
    List<String> untested = new ArrayList<>();
    pack.forEach((name, text) -> {
      if (name.endsWith("deviations.csv")) {
        for (String[] r : rows(text)) {
          if (!r[2].equals("failing")) untested.add(name + ": " + String.join(",", r));
        }
      }
    });
    assertThat(untested).as("the history leaves no control untested").isEmpty();
    assertThat(pack.get(PackageLayout.population("incidents"))).contains("Slack bot token exposed in CI logs");
  }

  /** The rows of a CSV file without its header, split at the first eight commas (those columns hold none). */
  private static List<String[]> rows(String csv) {
    List<String[]> out = new ArrayList<>();
    String[] lines = csv.split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isEmpty()) out.add(lines[i].split(",", 9));
    }
    return out;
  }

  private static Map<String, String> unzip(Path zip) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
