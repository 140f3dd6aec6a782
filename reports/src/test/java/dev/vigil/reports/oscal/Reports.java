package dev.vigil.reports.oscal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.RunResult;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.catalog.FindingSeverity;
import dev.vigil.controls.catalog.Population;
import dev.vigil.controls.model.ControlException;
import dev.vigil.reports.content.ChainStatement;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.content.SystemDescription;
import dev.vigil.reports.period.ControlHistory;
import dev.vigil.reports.period.Period;
import dev.vigil.reports.period.PeriodModel;
import dev.vigil.reports.sample.Sample;
import dev.vigil.reports.sample.SampleEvidence;
import dev.vigil.reports.sample.Sampler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A hand-built report of one day, 1 March 2026, with hourly controls: AC-1 passing all day
 * with a sample of three grants (one named in non-ASCII), AC-2 failing from 10:00 to 13:00 for
 * two grants (one later covered by an exception), VM-1 never run, so not tested, and IR-1 not
 * applicable all day (no incident to judge).
 */
final class Reports {

  static final String TENANT = "ten_zoë";
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final Period DAY = new Period(T0, T0.plus(Duration.ofDays(1)));
  static final Instant GENERATED = Instant.parse("2026-03-02T08:15:30.250Z");
  static final Duration HOURLY = Duration.ofHours(1);
  static final String SEED = "5f3dc5b9593059df801f51302e56dadab8749d5b0649b47dc6fee79347cdd076";
  static final Set<String> GRANTS = Set.of("grt_1", "grt_2", "grt_zoë");

  static final ControlInfo AC_1 = control("AC-1", "No wildcard or admin scopes", Family.LEAST_PRIVILEGE,
      "Inspected every grant active at the time of the run.");
  static final ControlInfo AC_2 = control("AC-2", "Grants reviewed — every 90 days", Family.LEAST_PRIVILEGE,
      "Inspected each grant's last access review.");
  static final ControlInfo VM_1 = control("VM-1", "Vendors assessed", Family.VENDORS,
      "Inspected each vendor's latest security review.");
  static final ControlInfo IR_1 = new ControlInfo("IR-1", "Incident containment within SLA", Family.INCIDENTS,
      List.of("CC7.3", "CC7.4"), "Inspected every incident detected within the 365 days before the run.", Set.of(),
      List.of(), List.of(), Population.INCIDENTS, "no incident detected in the window", FindingSeverity.HIGH,
        "Contain the incident.", false);

  private Reports() {}

  static ReportContent report() {
    return report("rep_1", GENERATED);
  }

  static ReportContent report(String reportId, Instant generatedAt) {
    List<ControlRun> ac1Runs = new ArrayList<>();
    for (int h = 0; h < 24; h++) ac1Runs.add(run(AC_1, "run_ac1_" + h, h, RunResult.PASS));
    Sample drawn = Sampler.draw(SEED, AC_1.id(), HOURLY, GRANTS);
    Sample sample = SampleEvidence.attach(drawn, DAY, ac1Runs,
        Map.of("run_ac1_3", GRANTS, "run_ac1_4", GRANTS));
    sample = new Sample(sample.controlId(), sample.frequency(), sample.population(), sample.size(), sample.seed(),
        sample.items().stream().map(i -> i.memberId().equals("grt_zoë") ? i.withChainEntries(List.of(
            new AuditEntry(7, TENANT, T0.plusSeconds(600), new Actor("user", "usr_zoë"), "grant.updated", "grt_zoë",
                JsonNodeFactory.instance.objectNode(), "a".repeat(64)))) : i).toList());

    List<ControlRun> ac2Runs = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      boolean failing = h >= 10 && h < 13;
      ac2Runs.add(failing
          ? run(AC_2, "run_ac2_" + h, h, RunResult.FAIL,
              new Deviation("grt_1", "grt_1 last reviewed 120 days ago by Zoë"),
              new Deviation("grt_2", "grt_2 never reviewed"))
          : run(AC_2, "run_ac2_" + h, h, RunResult.PASS));
    }
    List<Finding> findings = List.of(
        new Finding(TENANT, "fnd_1", AC_2.id(), "grt_1", "grt_1 last reviewed 120 days ago", at(10).plusSeconds(1),
            "run_ac2_10", at(13).plusSeconds(1), "run_ac2_13"));
    List<ControlException> exceptions = List.of(new ControlException(TENANT, "exc_1", AC_2.id(), "grt_2",
        "Migration to the new IdP — Zoë's team", "usr_ciso", at(18), at(11), at(17), "usr_ciso"));

    List<ControlRun> ir1Runs = new ArrayList<>();
    for (int h = 0; h < 24; h++) ir1Runs.add(run(IR_1, "run_ir1_" + h, h, RunResult.NOT_APPLICABLE));

    List<ControlSection> sections = List.of(
        new ControlSection(PeriodModel.of(DAY, new ControlHistory(TENANT, AC_1, HOURLY, ac1Runs, List.of(), List.of())),
            Optional.of("grants"), Optional.of(sample)),
        new ControlSection(PeriodModel.of(DAY, new ControlHistory(TENANT, AC_2, HOURLY, ac2Runs, findings, exceptions)),
            Optional.of("grants"), Optional.empty()),
        new ControlSection(PeriodModel.of(DAY, new ControlHistory(TENANT, VM_1, HOURLY, List.of(), List.of(), List.of())),
            Optional.of("vendors"), Optional.of(Sampler.draw(SEED, VM_1.id(), HOURLY, Set.of()))),
        new ControlSection(PeriodModel.of(DAY, new ControlHistory(TENANT, IR_1, HOURLY, ir1Runs, List.of(), List.of())),
            Optional.of("incidents"), Optional.of(Sampler.draw(SEED, IR_1.id(), HOURLY, Set.of()))));
    Checkpoint checkpoint = new Checkpoint(TENANT, 120, "b".repeat(64), T0.plus(Duration.ofDays(1)), "note");
    return new ReportContent(reportId, TENANT, "Zoë's Agents — Support", "Type II report, March 2026", DAY,
        generatedAt, "0.1.0-test", new ChainStatement(1, 119, "b".repeat(64), checkpoint, "key_ed25519_1", SEED),
        new SystemDescription(Map.of(), List.of(), List.of(), new SystemDescription.Activity(0, 0, Map.of()),
            List.of(), Map.of()),
        sections);
  }

  static Instant at(int hour) {
    return T0.plus(Duration.ofHours(hour));
  }

  private static ControlInfo control(String id, String title, Family family, String procedure) {
    return new ControlInfo(id, title, family, List.of("CC6.1", "CC6.3"), procedure, Set.of(), List.of(), List.of(), null,
        null, FindingSeverity.MEDIUM, "Revoke the grant.", false);
  }

  private static ControlRun run(ControlInfo control, String id, int hour, RunResult result, Deviation... failing) {
    return new ControlRun(TENANT, id, control.id(), control.family().wire(), RunTrigger.SCHEDULE, at(hour), 3600L,
        at(hour), at(hour).plusSeconds(1), result, result == RunResult.NOT_APPLICABLE ? 0 : 3, failing.length,
        List.of(failing), List.of(), null,
        "0".repeat(64), (long) hour + 1);
  }
}
