package dev.vigil.reports.load;

import static dev.vigil.reports.load.Estate.FROM;
import static dev.vigil.reports.load.Estate.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.reports.ReportRequest;
import dev.vigil.reports.oscal.AssessmentResults;
import dev.vigil.reports.pdf.ReportPdf;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.IncidentOutcome;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.period.ControlPeriod;
import dev.vigil.reports.period.Period;
import dev.vigil.reports.period.PeriodDeviation;
import dev.vigil.reports.sample.ItemResult;
import dev.vigil.reports.sample.Sample;
import dev.vigil.reports.sample.SampledItem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The loader against a real database: a day of history made through the real stores and
 * runner (backdated with a clock), read back as a report's content. A second tenant with the
 * same kind of day must never show in the first one's report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportReaderContract {

  private Estate estate;
  private Estate.Day acme;
  private Estate.Day beta;
  private final Period day = new Period(FROM, TO);

  abstract TestDb.Kind kind();

  @BeforeAll
  void open() {
    estate = new Estate(kind());
    acme = estate.day("Acme Zoë GmbH");
    beta = estate.day("Beta Corp");
  }

  @AfterAll
  void close() throws Exception {
    if (estate != null) estate.close();
  }

  private ReportContent read(String tenant, Period period) {
    return estate.reader.read(new ReportRequest("rep_1", tenant, null, period, TO.plus(Duration.ofDays(1))), p -> {});
  }

  private ControlSection ac1(ReportContent content) {
    return content.controls().stream().filter(s -> s.period().control().id().equals("AC-1")).findFirst().orElseThrow();
  }

  @Test
  void anEditedEntryMakesTheReadFailNamingItsSeq() {
    Estate.Day tampered = estate.day("Tampered Ltd");
    long seq = tampered.ac1Runs().get(5).auditSeq();
    estate.db.jdbi().useHandle(h -> h.createUpdate(
        "UPDATE audit_entries SET data = :data WHERE tenant_id = :tenant AND seq = :seq")
        .bind("data", "{\"result\":\"pass\"}").bind("tenant", tampered.tenant()).bind("seq", seq).execute());
    assertThatThrownBy(() -> read(tampered.tenant(), day)).isInstanceOf(ChainNotVerified.class)
        .hasMessageContaining("entry " + seq + ":").hasMessageContaining("does not match");
  }

  @Test
  void aCheckpointThatDoesNotMatchTheChainMakesTheReadFail() {
    Estate.Day forged = estate.day("Forged Ltd");
    long size = read(forged.tenant(), day).chain().lastSeq();
    estate.db.jdbi().useHandle(h -> h.createUpdate(
        "UPDATE checkpoints SET head_hash = :hash WHERE tenant_id = :tenant AND size = :size")
        .bind("hash", "0".repeat(64)).bind("tenant", forged.tenant()).bind("size", size).execute());
    assertThatThrownBy(() -> read(forged.tenant(), day)).isInstanceOf(ChainNotVerified.class)
        .hasMessageContaining("checkpoint").hasMessageContaining("at size " + size);
  }

  @Test
  void anUnknownTenantOrAPeriodBeforeTheChainIsRefused() {
    assertThatThrownBy(() -> read("ten_nobody", day)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ten_nobody");
    Period before = new Period(FROM.minus(Duration.ofDays(30)), FROM.minus(Duration.ofDays(29)));
    assertThatThrownBy(() -> read(acme.tenant(), before)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no audit entry before");
  }

  @Test
  void anotherTenantsDataNeverAppears() {
    String text = read(acme.tenant(), day).toString();
    assertThat(text).contains(acme.tenant(), acme.wildcard(), acme.agent());
    for (String theirs : List.of(beta.tenant(), beta.name(), beta.agent(), beta.readGrant(), beta.wildcard(),
        beta.adminGrant(), beta.exceptionId(), beta.incident())) {
      assertThat(text).doesNotContain(theirs);
    }
  }

  @Test
  void aRemediatedDeviationShowsWithItsStartEndAndFinding() {
    ControlPeriod ac1 = ac1(read(acme.tenant(), day)).period();
    assertThat(ac1.deviations()).hasSize(1);
    PeriodDeviation d = ac1.deviations().get(0);
    assertThat(d.status()).isEqualTo(ControlStatus.FAILING);
    assertThat(d.start()).isEqualTo(FROM.plus(Duration.ofMinutes(2 * 60 + 2)));
    assertThat(d.end()).isEqualTo(FROM.plus(Duration.ofMinutes(5 * 60 + 31)));
    assertThat(d.timeToRemediate()).contains(Duration.ofMinutes(3 * 60 + 29));
    assertThat(d.members()).extracting(m -> m.subjectId()).containsExactly(acme.wildcard());
    assertThat(d.findings()).singleElement().satisfies(f -> {
      assertThat(f.subjectId()).isEqualTo(acme.wildcard());
      assertThat(f.resolvedAt()).isNotNull();
    });
  }

  @Test
  void anExceptionInForceAppearsWithItsApprover() {
    ReportContent content = read(acme.tenant(), day);
    ControlPeriod ac1 = ac1(content).period();
    assertThat(content.system().people()).as("the approver by name, for the report to say who approved")
        .containsEntry(acme.approver(), "Ann");
    assertThat(ac1.exceptions()).singleElement().satisfies(e -> {
      assertThat(e.exception().id()).isEqualTo(acme.exceptionId());
      assertThat(e.exception().approvedBy()).isEqualTo(acme.approver());
      assertThat(e.exception().subjectId()).isEqualTo(acme.adminGrant());
      assertThat(e.exception().reason()).isEqualTo("migration week");
    });
  }

  @Test
  void runsAreCountedPerTriggerAndEveryControlAppearsInCatalogOrder() {
    ReportContent content = read(acme.tenant(), day);
    assertThat(content.tenantName()).isEqualTo("Acme Zoë GmbH");
    assertThat(content.controls()).extracting(s -> s.period().control().id())
        .containsExactlyElementsOf(estate.catalog.ids());
    var runs = ac1(content).period().runs();
    assertThat(runs.scheduled()).isEqualTo(24);
    assertThat(runs.changeTriggered()).isEqualTo(3);
    assertThat(runs.manual()).isZero();
    assertThat(runs.missedScheduled()).isZero();
    ControlSection lg1 = content.controls().stream().filter(s -> s.period().control().id().equals("LG-1"))
        .findFirst().orElseThrow();
    assertThat(lg1.period().runs().total()).isZero();
    assertThat(lg1.populationKind()).isEmpty();
    assertThat(lg1.sample()).isEmpty();
    assertThat(ac1(content).populationKind()).contains("grants");
  }

  @Test
  void theChainStatementCoversThePeriodAndItsCheckpointSeedsTheSamples() {
    var chain = read(acme.tenant(), day).chain();
    List<ControlRun> inPeriod = acme.ac1Runs().subList(1, acme.ac1Runs().size());
    assertThat(chain.firstSeq()).isEqualTo(inPeriod.get(0).auditSeq());
    assertThat(chain.lastSeq()).isEqualTo(inPeriod.get(inPeriod.size() - 1).auditSeq());
    assertThat(chain.checkpoint().size()).isEqualTo(chain.lastSeq());
    assertThat(chain.checkpoint().headHash()).isEqualTo(chain.headHash());
    AuditEntry last = estate.stores.auditLog().after(acme.tenant(), chain.lastSeq() - 1, 1).get(0);
    assertThat(last.hash()).isEqualTo(chain.headHash());
    assertThat(chain.sampleSeed()).isEqualTo(Sha256.hex(chain.checkpoint().note()));
    assertThat(chain.keyId()).isEqualTo(estate.checkpoints.signer().keyId());
  }

  @Test
  void aQuietPeriodHasAnEmptyRangeAndTheCheckpointBeforeIt() {
    Period quiet = new Period(TO.plus(Duration.ofDays(3)), TO.plus(Duration.ofDays(4)));
    var chain = read(acme.tenant(), quiet).chain();
    assertThat(chain.firstSeq()).isEqualTo(chain.lastSeq() + 1);
    assertThat(chain.checkpoint().size()).isEqualTo(chain.lastSeq());
  }

  @Test
  void samplesAreDrawnFromTheExaminedMembersAndAreReproducible() {
    Sample sample = ac1(read(acme.tenant(), day)).sample().orElseThrow();
    assertThat(sample.population()).isEqualTo(3);
    assertThat(sample.wholePopulation()).isTrue();
    assertThat(sample.items()).extracting(SampledItem::memberId)
        .containsExactlyInAnyOrder(acme.readGrant(), acme.wildcard(), acme.adminGrant());
    SampledItem wildcard = sample.items().stream().filter(i -> i.memberId().equals(acme.wildcard())).findFirst()
        .orElseThrow();
    assertThat(wildcard.examinations()).as("four runs in a row found it failing: one stretch")
        .extracting(e -> e.runs(), e -> e.result()).containsExactly(org.assertj.core.groups.Tuple.tuple(4L,
            ItemResult.FAILED));
    assertThat(wildcard.chainEntries()).extracting(AuditEntry::kind).containsExactly("grant.created", "grant.revoked");
    SampledItem admin = sample.items().stream().filter(i -> i.memberId().equals(acme.adminGrant())).findFirst()
        .orElseThrow();
    assertThat(admin.examinations()).isNotEmpty().allSatisfy(e -> assertThat(e.result()).isEqualTo(ItemResult.EXCUSED));
    assertThat(admin.chainEntries()).extracting(AuditEntry::kind).containsExactly("grant.created");

    ReportContent again = read(acme.tenant(), day);
    assertThat(ac1(again).sample()).contains(sample);
    assertThat(again.controls()).isEqualTo(read(acme.tenant(), day).controls());
  }

  @Test
  void theSystemDescriptionCountsAgentsActivityAndIncidentSlas() {
    var system = read(acme.tenant(), day).system();
    assertThat(system.agentsByStatus()).isEqualTo(Map.of(AgentStatus.ACTIVE, 1L));
    assertThat(system.vendors()).extracting(v -> v.name()).containsExactly("Salesforce");
    assertThat(system.connections()).extracting(c -> c.name()).containsExactly("CRM");
    assertThat(system.activity().decisionsAllowed()).isEqualTo(1);
    assertThat(system.activity().decisionsDenied()).isEqualTo(1);
    assertThat(system.activity().actionsByOutcome())
        .isEqualTo(Map.of("success", 2L, "failure", 1L, "denied", 0L));
    assertThat(system.incidents()).singleElement().satisfies(i -> {
      assertThat(i.incident().id()).isEqualTo(acme.incident());
      assertThat(i.slas()).extracting(IncidentOutcome.Sla::name).containsExactly("contained", "customers notified");
      assertThat(i.slas().get(0).within()).isEqualTo(Duration.ofMinutes(1440));
      assertThat(i.slas().get(0).outcome(TO)).isEqualTo(IncidentOutcome.Outcome.MET);
      assertThat(i.slas().get(1).due()).isEqualTo(i.incident().detectedAt().plus(Duration.ofHours(72)));
      assertThat(i.slas().get(1).outcome(TO)).isEqualTo(IncidentOutcome.Outcome.PENDING);
    });
  }

  @Test
  void theContentRendersAsPdfAndOscalNamingTheDeviation() {
    ReportContent content = read(acme.tenant(), day);
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    assertThat(ReportPdf.write(content, pdf)).isPositive();
    String oscal = new String(AssessmentResults.render(content), StandardCharsets.UTF_8);
    assertThat(oscal).contains(acme.wildcard()).doesNotContain(beta.tenant());
  }

  @Test
  void progressGoesFromZeroToOneWithoutGoingBack() {
    List<Double> seen = new ArrayList<>();
    estate.reader.read(new ReportRequest("rep_2", acme.tenant(), null, day, Instant.EPOCH), seen::add);
    assertThat(seen.get(0)).isZero();
    assertThat(seen.get(seen.size() - 1)).isEqualTo(1.0);
    for (int i = 1; i < seen.size(); i++) assertThat(seen.get(i)).isGreaterThanOrEqualTo(seen.get(i - 1));
  }
}
