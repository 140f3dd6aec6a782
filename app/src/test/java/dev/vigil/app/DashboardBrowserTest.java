package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.Http.Reply;
import dev.vigil.collectors.testing.TestDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium against one
 * running server with two tenants. Needs {@code chromium} and {@code chromium-driver}; without
 * them the class is skipped, unless {@code -Dvigil.test.browser.required=true} (what CI sets)
 * makes it fail. Every page visited is checked with axe (no serious or critical violation)
 * and saved as a screenshot under {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** How many entries a page of the audit trail lists (the dashboard's AuditTrailResource.PER_PAGE). */
  static final int AUDIT_PAGE = 50;
  /** How long a control's change may take to show on an open page: the issue's 2 s, plus the API's own lag bound. */
  static final Duration LIVE = Duration.ofMillis(2500);

  VigilServer server;
  Http http;
  String adminA;
  String adminB;
  String complianceId;
  String agent;
  String wildcard;
  String runOfB;
  /** A third tenant whose AC-1 finding stays open, whatever the other tests do to the first one's. */
  String adminC;
  String carlId;
  String ottoId;
  String agentC;
  String wildcardC;
  String tokenOfC;
  /** Acme's workspace, its vendors (Salesforce reviewed, Okta never), its CRM connection and two incidents. */
  String tenantA;
  String salesforce;
  String okta;
  String crm;
  String leak;
  String phishing;
  /** Initech's vendor, connection and incident, which Acme's people must not see. */
  String vendorC;
  String connectionC;
  String incidentC;
  WebDriver driver;
  String base;

  @BeforeAll
  void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (Boolean.getBoolean("vigil.test.browser.required")) {
      assertThat(present).as("chromium and chromium-driver must be installed (apt-get install chromium chromium-driver)")
          .isTrue();
    }
    Assumptions.assumeTrue(present, "browser tests skipped: install Debian's chromium and chromium-driver to run them");
    server = new VigilServer(TestDb.Kind.H2);
    http = server.http();
    base = "http://localhost:" + server.port();
    JsonNode acme = server.createTenant("Acme");
    adminA = acme.get("adminToken").asText();
    tenantA = acme.get("tenantId").asText();
    adminB = server.createTenant("Globex").get("adminToken").asText();
    complianceId = user(adminA, "cora@acme.example", "compliance");
    String owner = user(adminA, "olive@acme.example", "admin");
    String approver = user(adminA, "abe@acme.example", "admin");
    user(adminA, "audrey@acme.example", "auditor");
    salesforce = created(http.post(adminA, "/api/v1/vendors", "{\"name\":\"Salesforce\",\"criticality\":\"medium\","
        + "\"services\":\"CRM\",\"dataShared\":\"contacts\",\"ownerId\":\"" + owner + "\"}")).get("id").asText();
    created(http.post(adminA, "/api/v1/vendors/" + salesforce + "/reviews", "{\"reviewedAt\":\""
        + Instant.now().minusSeconds(60) + "\",\"reviewer\":\"Ann\",\"outcome\":\"approved\","
        + "\"soc2PeriodEnd\":\"2026-06-30\",\"notes\":\"ok\"}"));
    crm = created(http.post(adminA, "/api/v1/connections", "{\"name\":\"CRM\",\"app\":\"crm\","
        + "\"vendorId\":\"" + salesforce + "\",\"endpoint\":\"https://acme.my.salesforce.com\"}")).get("id").asText();
    okta = created(http.post(adminA, "/api/v1/vendors", "{\"name\":\"Okta\",\"criticality\":\"critical\","
        + "\"services\":\"SSO\",\"dataShared\":\"identities\"}")).get("id").asText();
    Instant now = Instant.now();
    leak = created(http.post(adminA, "/api/v1/incidents", "{\"title\":\"Leaked bot token\",\"severity\":\"sev2\","
        + "\"detectedAt\":\"" + now.minus(Duration.ofHours(3)) + "\",\"affectsCustomerData\":false,"
        + "\"commanderId\":\"" + owner + "\"}")).get("id").asText();
    assertThat(http.patch(adminA, "/api/v1/incidents/" + leak, "{\"containedAt\":\"" + now.minus(Duration.ofHours(2))
        + "\"}").status()).isEqualTo(200);
    phishing = created(http.post(adminA, "/api/v1/incidents", "{\"title\":\"Mailbox phishing\",\"severity\":\"sev1\","
        + "\"detectedAt\":\"" + now.minus(Duration.ofHours(7)) + "\",\"affectsCustomerData\":true,"
        + "\"description\":\"A forged invoice reached the finance mailbox\"}")).get("id").asText();
    agent = created(http.post(adminA, "/api/v1/agents", "{\"name\":\"bot\",\"ownerId\":\"" + owner
        + "\",\"description\":\"test\"}")).get("id").asText();
    // A narrow grant that stays, so that AC-1 passes (not "not applicable") once the wildcard goes.
    grant(crm, owner, approver, "[\"crm:read\"]");
    wildcard = grant(crm, owner, approver, "[\"crm:read\",\"*\"]");
    awaitAc1("failing");
    runOfB = http.post(adminB, "/api/v1/controls/AC-1/run", "").json().get("id").asText();
    adminC = server.createTenant("Initech").get("adminToken").asText();
    carlId = user(adminC, "carl@initech.example", "compliance");
    ottoId = user(adminC, "otto@initech.example", "admin");
    user(adminC, "ivy@initech.example", "auditor");
    vendorC = created(http.post(adminC, "/api/v1/vendors", "{\"name\":\"Zendesk\",\"criticality\":\"low\","
        + "\"services\":\"Support\",\"dataShared\":\"tickets\"}")).get("id").asText();
    connectionC = created(http.post(adminC, "/api/v1/connections", "{\"name\":\"Helpdesk\",\"app\":\"desk\","
        + "\"vendorId\":\"" + vendorC + "\",\"endpoint\":\"https://initech.zendesk.com\"}")).get("id").asText();
    agentC = created(http.post(adminC, "/api/v1/agents", "{\"name\":\"triage-bot\",\"ownerId\":\"" + ottoId
        + "\",\"description\":\"sorts tickets\"}")).get("id").asText();
    tokenOfC = created(http.post(adminC, "/api/v1/agents/" + agentC + "/tokens", "{\"name\":\"ci\"}")).get("token")
        .asText();
    wildcardC = grant(adminC, agentC, connectionC, ottoId, carlId, "[\"desk:*\"]");
    incidentC = created(http.post(adminC, "/api/v1/incidents", "{\"title\":\"Helpdesk outage\",\"severity\":\"sev3\","
        + "\"detectedAt\":\"" + Instant.now().minusSeconds(600) + "\",\"affectsCustomerData\":false}")).get("id")
        .asText();
    awaitAc1(adminC, "failing");
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
    driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
  }

  @AfterAll
  void stop() {
    if (driver != null) driver.quit();
    if (server != null) server.close();
  }

  @Test
  void aWrongPasswordShowsAnErrorAndLeavesNoSession() throws Exception {
    driver.manage().deleteAllCookies();
    driver.get(base + "/");
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/sign-in"));
    check("sign-in");
    driver.findElement(By.id("email")).sendKeys("cora@acme.example");
    driver.findElement(By.id("password")).sendKeys("not the password");
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
    String error = wait(Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")))
        .getText();
    assertThat(error).contains("do not match");
    assertThat(driver.manage().getCookieNamed("vigil_session")).isNull();
    check("sign-in-failed");
    assertThat(chain(adminA)).anyMatch(e -> e.get("kind").asText().equals("user.sign_in_failed")
        && e.get("subject").asText().equals(complianceId) && !e.toString().contains("not the password"));
  }

  @Test
  void aSignInPostedWithoutTheFormsTokenIsRefusedAndStartsNoSession() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("email=cora%40acme.example&password=a+long+enough+password")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("vigil_session="));
  }

  @Test
  void anEmailInTwoWorkspacesIsAskedWhichOneOnlyAfterItsPasswordMatches() throws Exception {
    user(adminA, "sam@both.example", "auditor");
    user(adminB, "sam@both.example", "auditor");
    driver.manage().deleteAllCookies();
    driver.get(base + "/sign-in");
    driver.findElement(By.id("email")).sendKeys("sam@both.example");
    driver.findElement(By.id("password")).sendKeys(ApiFixture.PASSWORD);
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
    wait(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("workspace")));
    assertThat(driver.findElement(By.id("sign-in-error")).getText()).contains("several workspaces");
    check("sign-in-workspace");
    driver.findElement(By.id("password")).sendKeys(ApiFixture.PASSWORD);
    driver.findElement(By.id("workspace")).sendKeys("globex");
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
    wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(base + "/"));
    assertThat(driver.findElement(By.cssSelector(".workspace")).getText()).isEqualTo("Globex");
  }

  @Test
  void complianceSeesAc1FailThenPassLiveAndRunsItAsThemselves() throws Exception {
    signIn("cora@acme.example");
    assertThat(driver.findElement(By.id("status-AC-1")).getText()).isEqualTo("Failing");
    check("overview");
    driver.findElement(By.cssSelector("a[href='/controls/AC-1']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/controls/AC-1"));
    assertThat(driver.findElement(By.id("status-AC-1")).getText()).isEqualTo("Failing");
    assertThat(driver.findElement(By.id("members")).getText()).contains("latest run");
    assertThat(driver.getPageSource()).contains(wildcard);
    check("control");

    driver.findElement(By.id("run-now")).click();
    wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(base + "/controls/AC-1"));
    assertThat(chain(adminA)).anyMatch(e -> e.get("kind").asText().equals("control.run_requested")
        && e.get("actor").get("type").asText().equals("user") && e.get("actor").get("id").asText().equals(complianceId));

    ((JavascriptExecutor) driver).executeScript("window.vigilNotReloaded = true;");
    assertThat(http.delete(adminA, "/api/v1/agents/" + agent + "/grants/" + wildcard).status()).isEqualTo(204);
    awaitAc1("passing");
    wait(LIVE).until(ExpectedConditions.textToBe(By.id("status-AC-1"), "Passing"));
    wait(LIVE).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#newer-run a")));
    assertThat(((JavascriptExecutor) driver).executeScript("return window.vigilNotReloaded === true;")).isEqualTo(true);
    check("control-passing");
    driver.get(base + "/");
    assertThat(driver.findElement(By.id("status-AC-1")).getText()).isEqualTo("Passing");
    assertThat(driver.findElement(By.id("median-remediation")).getText()).as("the resolved finding's time").isNotEqualTo("—");
  }

  @Test
  void aFormPostedWithoutItsCsrfTokenIsRefused() throws Exception {
    signIn("cora@acme.example");
    driver.get(base + "/controls/AC-2");
    ((JavascriptExecutor) driver).executeScript(
        "document.querySelector('form[action=\"/controls/AC-2/run\"] input[name=csrf]').remove();");
    driver.findElement(By.id("run-now")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Not allowed"));
    check("forbidden");
    assertThat(post("/controls/AC-2/run", "csrf=wrong").statusCode()).isEqualTo(403);
  }

  @Test
  void anAuditorSeesNoRunButtonAndAForgedPostIs403() throws Exception {
    signIn("audrey@acme.example");
    driver.get(base + "/controls/AC-1");
    assertThat(driver.findElements(By.id("run-now"))).isEmpty();
    check("control-auditor");
    String csrf = driver.findElement(By.cssSelector("form[action='/sign-out'] input[name=csrf]")).getAttribute("value");
    HttpResponse<String> forged = post("/controls/AC-1/run", "csrf=" + csrf);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("may not run");
  }

  @Test
  void anotherTenantsRunAndUnknownControlsAre404Pages() throws Exception {
    signIn("cora@acme.example");
    driver.get(base + "/controls/AC-1?run=" + runOfB);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    check("not-found");
    assertThat(get("/controls/AC-1?run=" + runOfB).statusCode()).isEqualTo(404);
    assertThat(get("/controls/NOPE").statusCode()).isEqualTo(404);
    assertThat(get("/no/such/page").body()).contains("Not found");
  }

  @Test
  void lg1SaysWhichEntriesItVerifiedAndWhenTheWholeChainWasLast() throws Exception {
    assertThat(http.post(adminA, "/api/v1/controls/LG-1/run", "").json().get("result").asText()).isEqualTo("pass");
    signIn("audrey@acme.example");
    driver.get(base + "/controls/LG-1");
    String members = driver.findElement(By.cssSelector("section[aria-labelledby=members]")).getText();
    assertThat(members).contains("its evidence does not name each one").contains("was last fully verified")
        .contains("bound 24 hours").contains("signed checkpoint");
  }

  @Test
  void theControlsListFiltersByFamilyAndStatus() throws Exception {
    signIn("cora@acme.example");
    driver.get(base + "/controls?family=least-privilege");
    List<String> ids = driver.findElements(By.cssSelector("table .cid")).stream().map(e -> e.getText()).toList();
    assertThat(ids).contains("AC-1").noneMatch(id -> id.startsWith("EN-"));
    check("controls");
    driver.get(base + "/controls?status=failing");
    assertThat(driver.findElements(By.cssSelector("table .badge"))).allMatch(b -> b.getText().equals("Failing"));
  }

  @Test
  void signingOutOrDeactivationEndsTheSession() throws Exception {
    String id = user(adminA, "temp@acme.example", "compliance");
    signIn("temp@acme.example");
    Cookie session = driver.manage().getCookieNamed("vigil_session");
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Strict");
    assertThat(http.patch(adminA, "/api/v1/users/" + id, "{\"active\":false}").status()).isEqualTo(200);
    driver.get(base + "/controls");
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/sign-in"));

    signIn("cora@acme.example");
    String before = driver.manage().getCookieNamed("vigil_session").getValue();
    driver.findElement(By.cssSelector("form[action='/sign-out'] button")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/sign-in"));
    HttpResponse<String> old = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/"))
        .header("Cookie", "vigil_session=" + before).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(old.statusCode()).isEqualTo(303);
    assertThat(chain(adminA)).anyMatch(e -> e.get("kind").asText().equals("user.signed_out"));
  }

  @Test
  void theKeyboardReachesTheSkipLinkTheNavAndTheRunButton() throws Exception {
    signIn("cora@acme.example");
    driver.get(base + "/controls/AC-3");
    var body = driver.findElement(By.tagName("body"));
    body.sendKeys(Keys.TAB);
    assertThat(active().getText()).isEqualTo("Skip to content");
    active().sendKeys(Keys.ENTER);
    assertThat(active().getAttribute("id")).isEqualTo("main");
    java.util.Set<String> reached = new java.util.HashSet<>();
    driver.get(base + "/controls/AC-3");
    for (int i = 0; i < 15; i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
      WebElement a = active();
      reached.add(a.getAttribute("id") != null && !a.getAttribute("id").isEmpty() ? "#" + a.getAttribute("id")
          : a.getText());
    }
    assertThat(reached).contains("Overview", "Controls", "Sign out", "#run-now");
  }

  @Test
  void theFindingsListLeadsToTheAgentWhoseWildcardGrantIsOverBroad() throws Exception {
    JsonNode finding = ac1FindingOfC();
    signIn("carl@initech.example");
    driver.findElement(By.cssSelector("nav a[href='/findings']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/findings"));
    WebElement row = driver.findElement(By.xpath("//table[@id='findings']//tr[td/a[@href='/controls/AC-1']]"));
    String severity = finding.get("severity").asText();
    assertThat(row.findElement(By.cssSelector(".sev." + severity)).getText())
        .isEqualToIgnoringCase(severity);
    assertThat(row.getText()).contains(finding.get("subject").get("name").asText(), "Open");
    check("findings");
    driver.get(base + "/findings?status=resolved&severity=low&control=AC-1");
    assertThat(driver.findElements(By.cssSelector("#findings tbody tr"))).isEmpty();
    driver.navigate().back();
    driver.findElement(By.xpath("//table[@id='findings']//tr[td/a[@href='/controls/AC-1']]/td[3]/a")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/agents/" + agentC));
    WebElement grant = driver.findElement(By.id("grant-" + wildcardC));
    assertThat(grant.getText()).contains("Helpdesk", "desk:*", "Over-broad").doesNotContain("Unused");
    assertThat(driver.findElement(By.id("token-list")).getText()).contains("ci", "Active");
    assertThat(driver.findElement(By.id("agent-status")).getText()).isEqualTo("Active");
    assertThat(driver.getPageSource()).doesNotContain(tokenOfC);
    check("agent");
    driver.findElement(By.cssSelector("nav a[href='/agents']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/agents"));
    assertThat(driver.findElement(By.id("agents")).getText()).contains("triage-bot", "otto", "Active");
    check("agents");
  }

  @Test
  void complianceAssignsAnOwnerAndCommentsAsThemselves() throws Exception {
    String id = ac1FindingOfC().get("id").asText();
    signIn("carl@initech.example");
    driver.get(base + "/findings/" + id);
    String csrf = driver.findElement(By.cssSelector("#finding-form input[name=csrf]")).getAttribute("value");
    JsonNode before = http.get(adminC, "/api/v1/findings/" + id).json();
    // Refusals are shown on the page, and change nothing.
    HttpResponse<String> stranger = post("/findings/" + id, "csrf=" + csrf + "&owner=usr_nobody");
    assertThat(stranger.statusCode()).isEqualTo(422);
    assertThat(stranger.body()).contains("id=\"finding-error\"", "ownerId");
    HttpResponse<String> early = post("/findings/" + id, "csrf=" + csrf + "&due=2001-01-01");
    assertThat(early.statusCode()).isEqualTo(422);
    assertThat(early.body()).contains("must not be before");
    assertThat(post("/findings/" + id, "csrf=" + csrf + "&due=soon").statusCode()).isEqualTo(422);
    assertThat(http.get(adminC, "/api/v1/findings/" + id).json()).isEqualTo(before);

    // The run made the agent's owner, otto, the finding's; carl takes it on.
    assertThat(driver.findElement(By.id("finding-owner")).getText()).isEqualTo("otto");
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("owner"))).selectByValue(carlId);
    driver.findElement(By.id("comment")).sendKeys("Narrow it to desk:read this week");
    driver.findElement(By.id("save-finding")).click();
    // The history is on the page before the post too: wait for the page the post redirects to.
    wait(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("finding-owner"), "carl"));
    assertThat(driver.findElement(By.id("finding-history")).getText())
        .contains("owner changed by carl", "commented by carl", "Narrow it to desk:read this week")
        .as("the due date the form showed, sent back unchanged, is no change").doesNotContain("due changed");
    check("finding");
    assertThat(chain(adminC)).anyMatch(e -> e.get("kind").asText().equals("finding.updated")
        && e.get("subject").asText().equals(id)
        && e.get("actor").get("type").asText().equals("user") && e.get("actor").get("id").asText().equals(carlId));
  }

  @Test
  void anAuditorSeesNoFindingFormAndAForgedPostIs403() throws Exception {
    String id = ac1FindingOfC().get("id").asText();
    signIn("ivy@initech.example");
    driver.get(base + "/findings/" + id);
    assertThat(driver.findElements(By.id("finding-form"))).isEmpty();
    check("finding-auditor");
    String csrf = driver.findElement(By.cssSelector("form[action='/sign-out'] input[name=csrf]")).getAttribute("value");
    HttpResponse<String> forged = post("/findings/" + id, "csrf=" + csrf + "&comment=sneaky");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("may not change");
    assertThat(chain(adminC)).noneMatch(e -> e.toString().contains("sneaky"));
  }

  @Test
  void anotherTenantsFindingAndAgentAre404Pages() throws Exception {
    String id = ac1FindingOfC().get("id").asText();
    signIn("cora@acme.example");
    driver.get(base + "/findings/" + id);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    assertThat(get("/findings/" + id).statusCode()).isEqualTo(404);
    assertThat(get("/agents/" + agentC).statusCode()).isEqualTo(404);
    assertThat(get("/agents/" + agentC).body()).doesNotContain("triage-bot");
    assertThat(post("/findings/" + id, "csrf=" + driver.findElement(
        By.cssSelector("form[action='/sign-out'] input[name=csrf]")).getAttribute("value") + "&comment=x").statusCode())
        .isEqualTo(404);
  }

  @Test
  void aQueryParameterAPageDoesNotTakeIsAnHtmlErrorPageNotTheApisJson() throws Exception {
    signIn("cora@acme.example");
    driver.get(base + "/findings?nope=1");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This address cannot be shown");
    assertThat(driver.findElement(By.cssSelector(".error-page")).getText()).contains("unknown query parameter 'nope'");
    assertThat(driver.findElement(By.cssSelector("nav.side")).isDisplayed()).as("still inside the dashboard").isTrue();
    HttpResponse<String> r = get("/findings?nope=1");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");

    // A filter value the form never offers is refused, not dropped for the default list.
    driver.get(base + "/findings?status=closed");
    assertThat(driver.findElement(By.cssSelector(".error-page")).getText())
        .contains("status must be one of open, resolved, excused, or left out; 'closed' is none of them.");
    for (String address : List.of("/findings?severity=urgent", "/findings?control=XX-9", "/findings?overdue=yes",
        "/findings?age=12", "/controls?family=nope", "/controls?status=green")) {
      assertThat(get(address).statusCode()).as(address).isEqualTo(400);
    }
    assertThat(get("/findings?status=&severity=&control=&age=").statusCode()).as("the form's 'any' choices")
        .isEqualTo(200);
  }

  @Test
  void vendorsShowTheirReviewStatusAndLeadToConnectionsAndFindings() throws Exception {
    String vm1 = awaitFinding("VM-1", okta);
    signIn("cora@acme.example");
    driver.findElement(By.cssSelector("nav a[href='/vendors']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/vendors"));
    java.time.LocalDate reviewed = Instant.parse(http.get(adminA, "/api/v1/vendors/" + salesforce + "/reviews")
        .get("items").get(0).get("reviewedAt").asText()).atZone(java.time.ZoneOffset.UTC).toLocalDate();
    assertThat(driver.findElement(By.id("vendor-" + salesforce)).getText()).contains("Salesforce", "Medium", "olive",
        reviewed.toString(), reviewed.plusYears(1).toString(), "Current", "Active");
    WebElement never = driver.findElement(By.id("vendor-" + okta));
    assertThat(never.getText()).contains("Okta", "Critical", "Never", "Never reviewed");
    assertThat(never.findElement(By.cssSelector(".badge.failing")).getText()).isEqualTo("Never reviewed");
    check("vendors");

    never.findElement(By.linkText("Okta")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/vendors/" + okta));
    assertThat(driver.findElement(By.id("review-status")).getText()).isEqualTo("Never reviewed");
    driver.findElement(By.cssSelector("#finding-list a[href='/findings/" + vm1 + "']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/findings/" + vm1));
    assertThat(driver.findElement(By.tagName("h1")).getText()).contains("VM-1", "Okta");

    driver.get(base + "/vendors/" + salesforce);
    assertThat(driver.findElement(By.id("review-list")).getText()).contains("Ann", "Approved", "2026-06-30");
    assertThat(driver.findElement(By.id("connection-list")).getText()).contains("CRM", "Active");
    check("vendor");
    driver.findElement(By.cssSelector("#connection-list a[href='/connections/" + crm + "']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/connections/" + crm));

    signIn("audrey@acme.example");
    driver.get(base + "/vendors");
    assertThat(driver.findElement(By.id("vendors")).getText()).contains("Salesforce", "Okta");
    check("vendors-auditor");
    driver.get(base + "/vendors/" + okta);
    assertThat(driver.findElement(By.id("finding-list")).getText()).contains("VM-1");
    check("vendor-auditor");
  }

  @Test
  void connectionsShowWhetherACredentialIsStoredButNeverTheSecret() throws Exception {
    String canary = "canary-" + java.util.UUID.randomUUID();
    assertThat(http.send(adminA, "PUT", "/api/v1/connections/" + crm + "/credential",
        "{\"secret\":\"" + canary + "\"}", "application/json").status()).isEqualTo(204);
    JsonNode stored = http.get(adminA, "/api/v1/connections/" + crm).get("credential");
    long active = http.get(adminA, "/api/v1/grants?connectionId=" + crm + "&status=active").get("items").size();
    signIn("cora@acme.example");
    driver.findElement(By.cssSelector("nav a[href='/connections']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/connections"));
    assertThat(driver.findElement(By.id("connection-" + crm)).getText())
        .contains("CRM", "Salesforce", "Yes", stored.get("keyId").asText(), "Active");
    assertThat(driver.getPageSource()).doesNotContain(canary);
    check("connections");

    driver.findElement(By.cssSelector("#connection-" + crm + " a[href='/connections/" + crm + "']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/connections/" + crm));
    assertThat(driver.findElement(By.id("credential")).getText()).contains("Stored", stored.get("keyId").asText());
    assertThat(driver.findElement(By.id("grant-count")).getText()).startsWith(active + " active grant");
    assertThat(driver.findElement(By.id("grant-list")).getText()).contains("bot", "crm:read");
    assertThat(driver.getPageSource()).doesNotContain(canary);
    check("connection");
    driver.findElement(By.cssSelector("#connection-facts a[href='/vendors/" + salesforce + "']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/vendors/" + salesforce));

    signIn("audrey@acme.example");
    driver.get(base + "/connections");
    assertThat(driver.findElement(By.id("connections")).getText()).contains("CRM", "Salesforce");
    assertThat(driver.getPageSource()).doesNotContain(canary);
    check("connections-auditor");
    driver.get(base + "/connections/" + crm);
    assertThat(driver.getPageSource()).contains("CRM").doesNotContain(canary);
    check("connection-auditor");
  }

  @Test
  void incidentsShowTheirSlaClocksAndCommanders() throws Exception {
    signIn("cora@acme.example");
    driver.findElement(By.cssSelector("nav a[href='/incidents']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/incidents"));
    // sev2: contained after 1 h of its 24 h; sev1: 7 h since detection, 3 h past its 4 h.
    assertThat(driver.findElement(By.id("incident-" + leak)).getText())
        .contains("Leaked bot token", "SEV2", "Met", "olive", "Contained");
    assertThat(driver.findElement(By.id("incident-" + phishing)).getText())
        .contains("Mailbox phishing", "SEV1", "Overdue by 3 h", "Open");
    check("incidents");

    driver.findElement(By.linkText("Mailbox phishing")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/incidents/" + phishing));
    assertThat(driver.findElement(By.id("sla-list")).getText())
        .contains("Containment", "4 h", "Overdue by 3 h", "Customer notification", "3 d", "left");
    assertThat(driver.findElement(By.id("incident-status")).getText()).isEqualTo("Open");
    check("incident");

    signIn("audrey@acme.example");
    driver.get(base + "/incidents");
    assertThat(driver.findElement(By.id("incidents")).getText()).contains("Leaked bot token", "Mailbox phishing");
    check("incidents-auditor");
    driver.get(base + "/incidents/" + leak);
    assertThat(driver.findElement(By.id("sla-list")).getText()).contains("Containment", "24 h", "Met");
    check("incident-auditor");
  }

  @Test
  void anotherTenantsVendorConnectionAndIncidentAre404Pages() throws Exception {
    signIn("cora@acme.example");
    driver.get(base + "/vendors/" + vendorC);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    check("vendor-not-found");
    for (String path : List.of("/vendors/" + vendorC, "/connections/" + connectionC, "/incidents/" + incidentC)) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).contains("Not found").doesNotContain("Zendesk", "Helpdesk");
    }
    assertThat(get("/audit?subject=" + vendorC).body()).doesNotContain("id=\"entry-");
  }

  @Test
  void theAuditTrailFiltersAndVerifiesWithTheLatestCheckpoint() throws Exception {
    // More entries than a page holds, whatever ran before: the bot's reads of the CRM, reported in one batch.
    StringBuilder events = new StringBuilder("{\"events\":[");
    for (int i = 0; i < AUDIT_PAGE + 10; i++) {
      events.append(i == 0 ? "" : ",").append("{\"agentId\":\"").append(agent).append("\",\"connectionId\":\"")
          .append(crm).append("\",\"action\":\"crm:read\",\"resource\":\"acct/").append(i)
          .append("\",\"outcome\":\"success\",\"occurredAt\":\"").append(Instant.now()).append("\"}");
    }
    assertThat(http.post(adminA, "/api/v1/events", events.append("]}").toString()).status()).isEqualTo(202);
    Instant deadline = Instant.now().plusSeconds(20);
    while (chain(adminA).stream().filter(e -> e.get("kind").asText().equals("event")).count() < AUDIT_PAGE + 10) {
      assertThat(Instant.now()).as("the events reach the chain").isBefore(deadline);
      Thread.sleep(50);
    }
    awaitCheckpoint(adminA);
    String keyId = http.get(adminA, "/api/v1/audit/public-key").get("keyId").asText();
    for (String who : List.of("cora@acme.example", "audrey@acme.example")) {
      String as = who.startsWith("cora") ? "" : "-auditor";
      signIn(who);
      driver.findElement(By.cssSelector("nav a[href='/audit']")).click();
      wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/audit"));
      List<WebElement> newest = driver.findElements(By.cssSelector("#audit-entries tbody tr"));
      assertThat(newest).hasSize(AUDIT_PAGE);
      long last = seq(newest.get(AUDIT_PAGE - 1));
      assertThat(seq(newest.get(0))).isGreaterThan(last);
      driver.findElement(By.id("next-entries")).click();
      wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("cursor=" + last));
      assertThat(seq(driver.findElement(By.cssSelector("#audit-entries tbody tr")))).isEqualTo(last - 1);
      if (as.isEmpty()) {
        // The verify link and every filter are reached from the keyboard, in reading order (a time field takes
        // a tab for each of its parts).
        java.util.List<String> reached = new java.util.ArrayList<>();
        for (int i = 0; i < 45; i++) {
          driver.switchTo().activeElement().sendKeys(Keys.TAB);
          reached.add(active().getAttribute("id"));
        }
        assertThat(reached).containsSubsequence("verify", "kind", "actor", "subject", "order", "from", "to", "fromSeq",
            "toSeq");
      }
      driver.findElement(By.id("kind")).sendKeys("vendor.created", Keys.ENTER);
      wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("kind=vendor.created"));
      List<WebElement> rows = driver.findElements(By.cssSelector("#audit-entries tbody tr"));
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).getText()).as("newest first").contains("vendor.created", okta, "Okta");
      assertThat(rows.get(1).getText()).contains("vendor.created", salesforce, "Salesforce");
      check("audit" + as);

      driver.findElement(By.id("verify")).click();
      wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(base + "/audit/verify"));
      assertThat(driver.findElement(By.id("verify-result")).getText()).isEqualTo("Intact");
      assertThat(Long.parseLong(driver.findElement(By.id("entries-checked")).getText())).isPositive();
      assertThat(driver.findElement(By.id("checkpoint-result")).getText()).isEqualTo("Verified");
      assertThat(driver.findElement(By.id("checkpoint-key")).getText()).isEqualTo(keyId);
      assertThat(driver.findElement(By.id("checkpoint-size")).getText()).matches("\\d+ entries");
      check("audit-verify" + as);
    }
  }

  @Test
  void theExportDownloadsTheApisBundleForTheWorkspace() throws Exception {
    signIn("audrey@acme.example");
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(base + "/audit/export?from=&to=")).header("Accept", "text/html,*/*;q=0.8")
        .header("Cookie", "vigil_session=" + driver.manage().getCookieNamed("vigil_session").getValue()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
    assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("vigil-audit-" + tenantA + ".zip");
    Path zip = Files.createTempFile("vigil-export", ".zip");
    try {
      Files.write(zip, r.body());
      BundleContents bundle = BundleContents.read(zip);
      assertThat(Http.JSON.readTree(bundle.files().get("manifest.json")).get("tenantId").asText()).isEqualTo(tenantA);
      var report = dev.vigil.controls.audit.BundleVerifier.verify(bundle.contents(), java.util.Base64.getDecoder()
          .decode(http.get(adminA, "/api/v1/audit/public-key").get("publicKey").asText()));
      assertThat(report.ok()).as(report.toString()).isTrue();
    } finally {
      Files.deleteIfExists(zip);
    }
    HttpResponse<String> backwards = get("/audit/export?from=2026-02-01T00:00&to=2026-01-01T00:00");
    assertThat(backwards.statusCode()).isEqualTo(422);
    assertThat(backwards.body()).contains("Export until must be after export from");
    assertThat(get("/audit?from=yesterday").statusCode()).isEqualTo(422);
  }

  /** The id of the open finding of {@code controlId} about {@code subjectId} in Acme, once a run has opened it. */
  String awaitFinding(String controlId, String subjectId) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode f : http.get(adminA, "/api/v1/findings?controlId=" + controlId + "&status=open").get("items")) {
        if (f.get("subject").get("id").asText().equals(subjectId)) return f.get("id").asText();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no open " + controlId + " finding on " + subjectId);
  }

  /** The seq of an audit trail row. */
  static long seq(WebElement row) {
    return Long.parseLong(row.getAttribute("id").substring("entry-".length()));
  }

  void awaitCheckpoint(String admin) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      if (http.get(admin, "/api/v1/audit/checkpoints").get("items").size() > 0) return;
      Thread.sleep(50);
    }
    throw new AssertionError("no checkpoint was signed");
  }

  /** Initech's open AC-1 finding, as the API lists it. */
  JsonNode ac1FindingOfC() {
    Reply r = http.get(adminC, "/api/v1/findings?controlId=AC-1&status=open");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.get("items").size()).isEqualTo(1);
    return r.get("items").get(0);
  }

  WebElement active() {
    return driver.switchTo().activeElement();
  }

  @Test
  void everyPageCarriesTheSecurityHeaders() throws Exception {
    signIn("cora@acme.example");
    for (String path : List.of("/", "/controls", "/controls/AC-1", "/findings", "/agents", "/vendors",
        "/vendors/" + salesforce, "/connections", "/connections/" + crm, "/incidents", "/incidents/" + leak, "/audit",
        "/audit/verify", "/sign-in", "/no/such/page")) {
      HttpResponse<String> r = get(path);
      assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(path)
          .contains("script-src 'self'").doesNotContain("unsafe-inline");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
    }
  }

  @Test
  void theEvidenceSearchFindsAnAgentByNameHighlightedAndATypeFacetNarrowsIt() throws Exception {
    signIn("carl@initech.example");
    driver.findElement(By.cssSelector("nav a[href='/evidence']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/evidence"));
    check("evidence");
    driver.findElement(By.id("q")).sendKeys("triage", Keys.ENTER);
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("q=triage"));
    long all = matches();
    assertThat(driver.findElements(By.cssSelector("#results .snippet mark")))
        .anyMatch(m -> m.getText().equalsIgnoreCase("triage"));
    WebElement agentBox = driver.findElement(By.cssSelector("#facet-type input[value=agent]"));
    assertThat(agentBox.isSelected()).isFalse();
    agentBox.click();
    // The script on the page runs the search again as soon as the box changes.
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("type=agent"));
    assertThat(matches()).isEqualTo(1).isLessThan(all);
    assertThat(driver.findElement(By.cssSelector("#facet-type input[value=agent]")).isSelected()).isTrue();
    WebElement result = driver.findElement(By.cssSelector("#results .result"));
    assertThat(result.findElement(By.cssSelector(".snippet mark")).getText()).isEqualToIgnoringCase("triage");
    assertThat(result.findElement(By.cssSelector(".snippet")).getText()).isEqualTo("agent triage-bot");
    check("evidence-narrowed");
    result.findElement(By.cssSelector(".result-head a")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/agents/" + agentC));
  }

  @Test
  void aQueryThatDoesNotParseIsShownOnTheSearchPageAsA400() throws Exception {
    signIn("carl@initech.example");
    driver.get(base + "/evidence");
    driver.findElement(By.id("q")).sendKeys("status:open AND (", Keys.ENTER);
    String error = wait(Duration.ofSeconds(5)).until(
        ExpectedConditions.visibilityOfElementLocated(By.id("search-error"))).getText();
    assertThat(error).startsWith("This search cannot run: ").contains("q:");
    assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("status:open AND (");
    check("evidence-error");
    assertThat(get("/evidence?q=" + java.net.URLEncoder.encode("status:open AND (", "UTF-8")).statusCode())
        .isEqualTo(400);
    assertThat(get("/evidence?q=nosuchfield:x").body()).contains("no field nosuchfield");
    assertThat(get("/evidence?type=nonsense").statusCode()).isEqualTo(422);
    HttpResponse<String> two = get("/evidence?type=agent&type=grant");
    assertThat(two.statusCode()).isEqualTo(200);
    assertThat(two.body()).contains("Check one type at a time");
  }

  @Test
  void theSearchPagesOnByCursorKeepingItsQueryFacetsAndCounts() throws Exception {
    signIn("carl@initech.example");
    driver.get(base + "/evidence?q=&type=entry");
    long total = matches();
    assertThat(total).as("more entries than a page holds").isGreaterThan(25);
    assertThat(driver.findElements(By.cssSelector("#results .result"))).hasSize(25);
    driver.findElement(By.id("next-page")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("cursor="));
    assertThat(matches()).isEqualTo(total);
    assertThat(driver.findElement(By.cssSelector("#facet-type input[value=entry]")).isSelected()).isTrue();
    assertThat(driver.findElements(By.cssSelector("#results .result"))).hasSize((int) Math.min(25, total - 25));
    assertThat(driver.findElement(By.linkText("First page")).getAttribute("href")).doesNotContain("cursor=");
    assertThat(driver.findElements(By.cssSelector("#results .tag"))).allMatch(t -> t.getText().equals("AUDIT ENTRY"));
    check("evidence-page-2");
  }

  @Test
  void indexedMarkupIsShownAsTextInSnippetsAndTitles() throws Exception {
    created(http.post(adminA, "/api/v1/agents", "{\"name\":\"<script>x</script>\",\"ownerId\":\"" + complianceId
        + "\",\"description\":\"<img src=x onerror=alert(1)> harvests <b>leads</b> &amp; more\"}"));
    awaitIndexed(adminA, "harvests");
    signIn("cora@acme.example");
    driver.get(base + "/evidence?q=harvests&type=agent");
    WebElement result = driver.findElement(By.cssSelector("#results .result"));
    assertThat(result.findElement(By.cssSelector(".result-head a")).getText()).isEqualTo("agent <script>x</script>");
    assertThat(result.findElement(By.cssSelector(".snippet")).getText())
        .contains("<img src=x onerror=alert(1)> harvests <b>leads</b> &amp; more");
    assertThat(result.findElement(By.cssSelector(".snippet mark")).getText()).isEqualTo("harvests");
    assertThat(driver.findElements(By.cssSelector("#results img, #results script, #results b"))).isEmpty();
    check("evidence-markup");
  }

  @Test
  void complianceAsksForAReportWatchesItReachDoneLiveAndDownloadsItsFiles() throws Exception {
    signIn("carl@initech.example");
    driver.findElement(By.cssSelector("nav a[href='/reports']")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlToBe(base + "/reports"));
    check("reports");
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
    period(today, yesterday, "Backwards");
    assertThat(wait(Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOfElementLocated(By.id("report-error")))
        .getText()).contains("last day must not be before the first");
    assertThat(driver.findElement(By.id("title")).getAttribute("value")).isEqualTo("Backwards");
    check("reports-error");

    period(today, today, "Today's controls");
    wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(base + "/reports/rep_[0-9a-z]+$"));
    String id = driver.getCurrentUrl().substring((base + "/reports/").length());
    ((JavascriptExecutor) driver).executeScript("window.vigilNotReloaded = true;");
    check("report");
    wait(Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(By.id("report-status"), "Done"));
    assertThat(((JavascriptExecutor) driver).executeScript("return window.vigilNotReloaded === true;")).isEqualTo(true);
    assertThat(driver.findElement(By.id("report-progress")).getAttribute("value")).isEqualTo("100");
    assertThat(driver.findElement(By.id("report-finished")).getText()).endsWith("UTC");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Today's controls");
    check("report-done");
    // The page stops polling once the report is done: its state no longer asks for itself.
    assertThat(driver.findElement(By.id("report-state")).getAttribute("hx-get")).isNull();

    for (String[] file : new String[][] {{"report.pdf", "application/pdf", "%PDF"},
        {"evidence.zip", "application/zip", "PK"}, {"oscal.json", "application/json", "{"}}) {
      String href = driver.findElement(By.id("download-" + file[0].replace(".", "-"))).getAttribute("href");
      assertThat(href).isEqualTo(base + "/reports/" + id + "/" + file[0]);
      HttpResponse<byte[]> r = download("/reports/" + id + "/" + file[0]);
      assertThat(r.statusCode()).as(file[0]).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(file[0]).startsWith(file[1]);
      assertThat(new String(r.body(), 0, file[2].length(), java.nio.charset.StandardCharsets.ISO_8859_1))
          .as(file[0]).isEqualTo(file[2]);
    }
    assertThat(chain(adminC)).anyMatch(e -> e.get("kind").asText().equals("report.requested")
        && e.get("subject").asText().equals(id) && e.get("actor").get("type").asText().equals("user")
        && e.get("actor").get("id").asText().equals(carlId));
    assertThat(chain(adminC)).anyMatch(e -> e.get("kind").asText().equals("report.downloaded")
        && e.get("subject").asText().equals(id) && e.get("actor").get("id").asText().equals(carlId));
    driver.get(base + "/reports");
    assertThat(driver.findElement(By.id("report-" + id)).getText()).contains("Today's controls", "Done", "PDF");
  }

  @Test
  void anAuditorSeesNoReportFormAndAForgedPostIs403() throws Exception {
    signIn("ivy@initech.example");
    driver.get(base + "/reports");
    assertThat(driver.findElements(By.id("report-form"))).isEmpty();
    check("reports-auditor");
    long before = chain(adminC).stream().filter(e -> e.get("kind").asText().equals("report.requested")).count();
    String csrf = driver.findElement(By.cssSelector("form[action='/sign-out'] input[name=csrf]")).getAttribute("value");
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    HttpResponse<String> forged = post("/reports", "csrf=" + csrf + "&from=" + today + "&to=" + today);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("may not ask");
    assertThat(chain(adminC).stream().filter(e -> e.get("kind").asText().equals("report.requested")).count())
        .isEqualTo(before);
  }

  @Test
  void anotherTenantsReportItsProgressAndItsFilesAre404Pages() throws Exception {
    Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Reply asked = http.post(adminC, "/api/v1/reports", "{\"from\":\"" + to.minusSeconds(3600) + "\",\"to\":\"" + to
        + "\"}");
    assertThat(asked.status()).as(asked.text()).isEqualTo(202);
    String id = asked.get("id").asText();
    signIn("cora@acme.example");
    driver.get(base + "/reports/" + id);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    assertThat(get("/reports/" + id).statusCode()).isEqualTo(404);
    assertThat(get("/reports/" + id + "/progress").statusCode()).isEqualTo(404);
    assertThat(download("/reports/" + id + "/report.pdf").statusCode()).isEqualTo(404);
    assertThat(get("/reports").body()).doesNotContain(id);
  }

  @Test
  void anAgentsPageWeighsEachGrantAgainstItsUseAndCountsActionsOutsideEveryGrant() throws Exception {
    String helpdesk = http.get(adminC, "/api/v1/connections").get("items").get(0).get("id").asText();
    Instant at = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Reply sent = http.post(tokenOfC, "/api/v1/events", "{\"events\":[" + event(helpdesk, "desk:read", at) + ","
        + event(helpdesk, "desk:read", at.plusMillis(1)) + "," + event(helpdesk, "crm:export", at.plusMillis(2)) + "]}");
    assertThat(sent.status()).as(sent.text()).isEqualTo(202);
    signIn("carl@initech.example");
    driver.get(base + "/agents/" + agentC);
    List<WebElement> cells = driver.findElement(By.id("grant-" + wildcardC)).findElements(By.tagName("td"));
    assertThat(cells.get(5).getText()).as("last used").endsWith("ago");
    assertThat(Long.parseLong(cells.get(6).getText())).as("uses in 30 days").isGreaterThanOrEqualTo(2);
    assertThat(driver.findElement(By.id("outside-summary")).getText()).contains("in the last 30 days", "ago");
    assertThat(driver.findElement(By.id("outside-list")).getText()).contains("Helpdesk", "crm:export");
    check("agent-use");
  }

  @Test
  void theFindingsAgeFilterKeepsOnlyFindingsOpenLongerThanTheAgeChosen() throws Exception {
    String id = ac1FindingOfC().get("id").asText();
    // A finding open for 40 days, without waiting 40 days: its opening moved back in the database.
    server.directly(c -> {
      try (var st = c.prepareStatement("UPDATE findings SET opened_at = ? WHERE id = ?")) {
        st.setObject(1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(40));
        st.setString(2, id);
        assertThat(st.executeUpdate()).isEqualTo(1);
      }
    });
    signIn("carl@initech.example");
    driver.get(base + "/findings?control=AC-1");
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("age"))).selectByValue("30");
    driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
    wait(Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("age=30"));
    assertThat(driver.findElement(By.id("findings")).getText()).contains(ac1FindingOfC().get("subject").get("name")
        .asText());
    check("findings-age");
    driver.get(base + "/findings?control=AC-1&age=90");
    assertThat(driver.findElements(By.cssSelector("#findings tbody tr"))).isEmpty();
    assertThat(driver.findElement(By.id("age")).getAttribute("value")).isEqualTo("90");
  }

  // ---- helpers

  void signIn(String email) {
    driver.manage().deleteAllCookies();
    driver.get(base + "/sign-in");
    driver.findElement(By.id("email")).sendKeys(email);
    // Submitted from the keyboard, as a person without a mouse would.
    driver.findElement(By.id("password")).sendKeys(ApiFixture.PASSWORD, Keys.ENTER);
    wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(base + "/"));
  }

  /** Axe on the page as it stands (no serious or critical violation), and its screenshot. */
  void check(String name) throws Exception {
    var results = new AxeBuilder().analyze(driver);
    List<Rule> bad = results.getViolations().stream()
        .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
    assertThat(bad).as(name + ": " + bad.stream().map(v -> v.getId() + " " + v.getNodes().get(0).getHtml()).toList())
        .isEmpty();
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  WebDriverWait wait(Duration d) {
    return new WebDriverWait(driver, d, Duration.ofMillis(50));
  }

  /** A GET as the browser sends it: with the session's cookie, asking for HTML. */
  HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
        .header("Cookie", "vigil_session=" + driver.manage().getCookieNamed("vigil_session").getValue()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String form) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Cookie", "vigil_session=" + driver.manage().getCookieNamed("vigil_session").getValue())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  String user(String admin, String email, String role) {
    return created(http.post(admin, "/api/v1/users", "{\"email\":\"" + email + "\",\"name\":\"" + email.split("@")[0]
        + "\",\"role\":\"" + role + "\",\"password\":\"" + ApiFixture.PASSWORD + "\"}")).get("id").asText();
  }

  String grant(String connection, String owner, String approver, String scopes) {
    return grant(adminA, agent, connection, owner, approver, scopes);
  }

  String grant(String admin, String agentId, String connection, String owner, String approver, String scopes) {
    return created(http.post(admin, "/api/v1/agents/" + agentId + "/grants", "{\"connectionId\":\"" + connection
        + "\",\"scopes\":" + scopes + ",\"justification\":\"triage\",\"requestedBy\":\"" + owner
        + "\",\"approvedBy\":\"" + approver + "\"}")).get("id").asText();
  }

  JsonNode created(Reply r) {
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  List<JsonNode> chain(String token) {
    Reply r = http.get(token, "/api/v1/audit/entries?limit=1000");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<JsonNode> out = new java.util.ArrayList<>();
    r.get("items").forEach(out::add);
    return out;
  }

  void awaitAc1(String status) throws InterruptedException {
    awaitAc1(adminA, status);
  }

  void awaitAc1(String admin, String status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      if (http.get(admin, "/api/v1/controls/AC-1").get("status").asText().equals(status)) return;
      Thread.sleep(50);
    }
    throw new AssertionError("AC-1 did not turn " + status);
  }

  /** The number of matches the evidence search page says it found. */
  long matches() {
    return Long.parseLong(driver.findElement(By.id("result-count")).getText().split(" ")[0]);
  }

  /** Waits until the tenant's evidence index finds {@code q}: it follows the chain within moments. */
  void awaitIndexed(String token, String q) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      if (http.get(token, "/api/v1/evidence/search?q=" + q).get("total").asLong() > 0) return;
      Thread.sleep(50);
    }
    throw new AssertionError(q + " was not indexed");
  }

  /** Fills the report form with a period and a title, and sends it. */
  void period(String from, String to, String title) {
    for (String[] f : new String[][] {{"from", from}, {"to", to}}) {
      // A date input types in the browser's locale; its value is set as the form sends it.
      ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
          driver.findElement(By.id(f[0])), f[1]);
    }
    WebElement t = driver.findElement(By.id("title"));
    t.clear();
    t.sendKeys(title);
    driver.findElement(By.id("create-report")).click();
  }

  /** A GET of a file as the browser sends it, with the session's cookie. */
  HttpResponse<byte[]> download(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Cookie", "vigil_session=" + driver.manage().getCookieNamed("vigil_session").getValue()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** An action of Initech's agent on {@code connection}, as its runtime reports it. */
  String event(String connection, String action, Instant at) {
    return "{\"agentId\":\"" + agentC + "\",\"connectionId\":\"" + connection + "\",\"action\":\"" + action
        + "\",\"resource\":\"ticket/1\",\"outcome\":\"success\",\"occurredAt\":\"" + at + "\"}";
  }
}
