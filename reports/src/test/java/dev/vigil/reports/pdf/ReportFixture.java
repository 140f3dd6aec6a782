package dev.vigil.reports.pdf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.catalog.FindingSeverity;
import dev.vigil.controls.catalog.Population;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.ControlException;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.Severity;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorStatus;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.IncidentOutcome;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.content.SystemDescription;
import dev.vigil.reports.period.ControlPeriod;
import dev.vigil.reports.period.ExceptionInForce;
import dev.vigil.reports.period.Period;
import dev.vigil.reports.period.PeriodDeviation;
import dev.vigil.reports.period.RunCounts;
import dev.vigil.reports.period.ScheduleSpan;
import dev.vigil.reports.period.StatusSegment;
import dev.vigil.reports.sample.Frequency;
import dev.vigil.reports.sample.ItemResult;
import dev.vigil.reports.sample.Sample;
import dev.vigil.reports.sample.SampledItem;
import dev.vigil.reports.sample.Stretch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A hand-built report for March 2026 of tenant "Zoë Analytics": AC-1 with no deviation, an
 * exception and a long sample; AC-2 failing from before the period; LG-1 failing at the period's
 * end; VM-1 never tested.
 */
public final class ReportFixture {

  static final String TENANT = "ten_zoe";
  static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");
  static final Period MARCH = new Period(FROM, TO);
  static final Duration FIVE_MIN = Duration.ofMinutes(5);
  static final String HEAD = "ab".repeat(32);
  static final String SEED = "5f3dc5b9593059df801f51302e56dadab8749d5b0649b47dc6fee79347cdd076";
  public static final String EM_DASH_NAME = "Reads the support inbox — drafts replies";
  public static final String APPROVER = "Zoë Ångström";

  static final Instant AC2_START = Instant.parse("2026-02-27T22:00:00Z");
  static final Instant AC2_END = Instant.parse("2026-03-02T09:30:00Z");
  static final Instant LG1_START = Instant.parse("2026-03-30T14:15:00Z");

  private ReportFixture() {}

  public static ReportContent report() {
    return content(List.of(ac1(), ac2(), lg1(), vm1()));
  }

  static ReportContent noControls() {
    return content(List.of());
  }

  static ReportContent content(List<ControlSection> controls) {
    Checkpoint cp = new Checkpoint(TENANT, 4_210, HEAD, Instant.parse("2026-04-01T00:05:00Z"), "note");
    return new ReportContent("rep_1", TENANT, "Zoë Analytics", "SOC 2 Type II: controls over AI agents", MARCH,
        Instant.parse("2026-04-02T08:00:00Z"), "0.1.0", new ChainStatement(120, 4_200, HEAD, cp, "kid_zoe_1", SEED),
        system(), controls);
  }

  static SystemDescription system() {
    Vendor mail = new Vendor(TENANT, "ven_1", "Zoë Mail GmbH", Criticality.HIGH, "Mail hosting", "customer e-mail",
        VendorStatus.ACTIVE, FROM, FROM, null);
    Connection inbox = new Connection(TENANT, "con_1", EM_DASH_NAME, "mail", "ven_1", "https://mail.example", FROM, null);
    Incident incident = new Incident(TENANT, "inc_1", "Agent sent a draft to the wrong customer", Severity.SEV2,
        Instant.parse("2026-03-10T08:00:00Z"), true, "Caught by the customer.", Instant.parse("2026-03-10T11:00:00Z"),
        Instant.parse("2026-03-13T09:00:00Z"), Instant.parse("2026-03-14T09:00:00Z"), null,
        Instant.parse("2026-03-10T08:01:00Z"), null);
    IncidentOutcome outcome = new IncidentOutcome(incident, List.of(
        new IncidentOutcome.Sla("contained", Duration.ofHours(24), Instant.parse("2026-03-11T08:00:00Z"),
            incident.containedAt()),
        new IncidentOutcome.Sla("customers notified", Duration.ofHours(72), Instant.parse("2026-03-13T08:00:00Z"),
            incident.customersNotifiedAt())));
    return new SystemDescription(Map.of(AgentStatus.ACTIVE, 12L, AgentStatus.SUSPENDED, 1L), List.of(inbox),
        List.of(mail), new SystemDescription.Activity(9_800, 212, Map.of("success", 9_500L, "error", 300L)),
        List.of(outcome), Map.of("usr_zoe", APPROVER, "usr_ana", "Ana Ruiz", "usr_ciso", "Cyd Okafor"));
  }

  static ControlInfo control(String id, String title, Family family) {
    return new ControlInfo(id, title, family, List.of("CC6.1", "CC6.3"),
        "Inspected every grant active at the time of the run.", Set.of(), List.of(), List.of(), null,
        null, FindingSeverity.MEDIUM, "Revoke the grant.", false);
  }

  /** Passing throughout, an exception in force, a sample of 40 grants: a table over several pages. */
  static ControlSection ac1() {
    ControlInfo c = control("AC-1", "No wildcard or admin scopes", Family.LEAST_PRIVILEGE);
    ControlException ex = new ControlException(TENANT, "exc_1", "AC-1", "grt_zoë", EM_DASH_NAME, "usr_zoe",
        Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-02-15T00:00:00Z"), null, null);
    ControlPeriod p = new ControlPeriod(c, every(FIVE_MIN), MARCH, new RunCounts(8_928, 14, 2, 0),
        List.of(new StatusSegment(ControlStatus.PASSING, FROM, TO)), List.of(),
        List.of(new ExceptionInForce(ex, List.of())));
    List<SampledItem> items = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      List<Stretch> exams = List.of(
          new Stretch("run_a" + i, FROM.plusSeconds(300), "run_a" + i + "z", FROM.plusSeconds(3_300), 11,
              ItemResult.PASSED, null),
          Stretch.of("run_b" + i, FROM.plusSeconds(3_600), ItemResult.EXCUSED, "grt_" + i + " has a wildcard scope"),
          Stretch.of("run_c" + i, FROM.plusSeconds(7_200), ItemResult.PASSED, null));
      AuditEntry entry = new AuditEntry(200 + i, TENANT, FROM.plusSeconds(60), new Actor("user", "usr_zoe"),
          "grant.updated", "grt_" + i, JsonNodeFactory.instance.objectNode(), "cd".repeat(32));
      items.add(new SampledItem(String.format("grt_%03d", i), "0".repeat(64), exams, List.of(entry)));
    }
    Sample sample = new Sample("AC-1", Frequency.SEVERAL_TIMES_A_DAY, 400, 40, SEED, items);
    return new ControlSection(p, Optional.of("grants"), Optional.of(sample));
  }

  /**
   * Failing from before the period until 2 March, with an exception covering part of it; the
   * exception was to lapse on 5 March and was revoked on the 4th.
   */
  static ControlSection ac2() {
    ControlInfo c = control("AC-2", "Grants expire", Family.LEAST_PRIVILEGE);
    Finding f = new Finding(TENANT, "fnd_1", "AC-2", "grt_7", "grt_7 never expires", AC2_START, "run_0", AC2_END,
        "run_9");
    PeriodDeviation d = new PeriodDeviation(ControlStatus.FAILING, AC2_START, true, AC2_END, List.of("run_0", "run_1"),
        List.of(new Deviation("grt_7", "grt_7 never expires")), List.of(f), List.of());
    ControlException ex = new ControlException(TENANT, "exc_2", "AC-2", "grt_7", "Migration window", "usr_ana",
        Instant.parse("2026-03-05T00:00:00Z"), Instant.parse("2026-03-01T12:00:00Z"),
        Instant.parse("2026-03-04T08:00:00Z"), "usr_ciso");
    ControlPeriod p = new ControlPeriod(c, every(FIVE_MIN), MARCH, new RunCounts(8_920, 3, 0, 8),
        List.of(new StatusSegment(ControlStatus.FAILING, FROM, AC2_END),
            new StatusSegment(ControlStatus.PASSING, AC2_END, TO)),
        List.of(d), List.of(new ExceptionInForce(ex, List.of(new ExceptionInForce.Covered(AC2_START, "grt_7",
            Instant.parse("2026-03-01T12:00:00Z"), AC2_END)))));
    return new ControlSection(p, Optional.of("grants"), Optional.empty());
  }

  /** Failing from 30 March to the period's end, with a short error before it. */
  static ControlSection lg1() {
    ControlInfo c = control("LG-1", "Audit logging is on for every agent", Family.LOGGING);
    Instant errStart = Instant.parse("2026-03-20T10:00:00Z");
    Instant errEnd = Instant.parse("2026-03-20T10:05:00Z");
    PeriodDeviation error = new PeriodDeviation(ControlStatus.ERROR, errStart, false, errEnd, List.of("run_e"),
        List.of(), List.of(), List.of("facts failed to load"));
    PeriodDeviation open = new PeriodDeviation(ControlStatus.FAILING, LG1_START, false, null, List.of("run_f"),
        List.of(new Deviation("agt_zoë", "Zoë's agent logs nothing")), List.of(), List.of());
    ControlPeriod p = new ControlPeriod(c, every(Duration.ofHours(1)), MARCH, new RunCounts(742, 0, 1, 2),
        List.of(new StatusSegment(ControlStatus.PASSING, FROM, errStart),
            new StatusSegment(ControlStatus.ERROR, errStart, errEnd),
            new StatusSegment(ControlStatus.PASSING, errEnd, LG1_START),
            new StatusSegment(ControlStatus.FAILING, LG1_START, TO)),
        List.of(error, open), List.of());
    return new ControlSection(p, Optional.empty(), Optional.empty());
  }

  /** Never ran in the period: one not-tested deviation over all of it. */
  static ControlSection vm1() {
    ControlInfo c = control("VM-1", "Vendors reviewed within a year", Family.VENDORS);
    PeriodDeviation d = new PeriodDeviation(ControlStatus.NOT_RUN, FROM, false, null, List.of(), List.of(), List.of(),
        List.of());
    ControlPeriod p = new ControlPeriod(c, every(Duration.ofDays(1)), MARCH, new RunCounts(0, 0, 0, 30),
        List.of(new StatusSegment(ControlStatus.NOT_RUN, FROM, TO)), List.of(d), List.of());
    Sample empty = new Sample("VM-1", Frequency.DAILY, 0, 0, SEED, List.of());
    return new ControlSection(p, Optional.of("vendors"), Optional.of(empty));
  }

  /** Not applicable all month: every run found no incident to judge. */
  static ControlSection ir1NotApplicable() {
    ControlInfo c = new ControlInfo("IR-1", "Incident containment within SLA", Family.INCIDENTS,
        List.of("CC7.3", "CC7.4"), "Inspected every incident detected within the 365 days before the run.", Set.of(),
        List.of(), List.of(), Population.INCIDENTS, "no incident detected in the window", FindingSeverity.HIGH,
        "Contain the incident.", false);
    ControlPeriod p = new ControlPeriod(c, every(FIVE_MIN), MARCH, new RunCounts(8_928, 0, 0, 0),
        List.of(new StatusSegment(ControlStatus.NOT_APPLICABLE, FROM, TO)), List.of(), List.of());
    Sample empty = new Sample("IR-1", Frequency.SEVERAL_TIMES_A_DAY, 0, 0, SEED, List.of());
    return new ControlSection(p, Optional.of("incidents"), Optional.of(empty));
  }

  /** One schedule over the whole of March. */
  private static List<ScheduleSpan> every(Duration interval) {
    return List.of(new ScheduleSpan(interval, FROM, TO));
  }
}
