package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.RunResult;
import dev.vigil.collectors.monitoring.RunTrigger;
import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Excused;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.catalog.FindingSeverity;
import dev.vigil.controls.catalog.Population;
import dev.vigil.controls.model.ControlException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Hand-built histories of one control for one tenant over the day of 1 March 2026, with an
 * hourly schedule; {@code at("13:00")} is an instant of that day, {@code at("-01:00")} one of
 * the day before. A run takes a second; its findings move when it finishes, as the service's do.
 */
final class History {

  static final String TENANT = "ten_a";
  static final Instant DAY_START = Instant.parse("2026-03-01T00:00:00Z");
  static final Period DAY = new Period(DAY_START, DAY_START.plus(Duration.ofDays(1)));
  static final Duration HOURLY = Duration.ofHours(1);
  static final ControlInfo AC_1 = new ControlInfo("AC-1", "No wildcard or admin scopes", Family.LEAST_PRIVILEGE,
      List.of("CC6.1", "CC6.3"), "Inspected every grant active at the time of the run.", Set.of(), List.of(), List.of(),
      Population.GRANTS, "no active grant", FindingSeverity.MEDIUM, "Revoke the grant.", false);

  private final List<ControlRun> runs = new ArrayList<>();
  /** The schedule interval the next runs record; null: they record none, as runs before it was kept. */
  private Long recording;
  private final List<Finding> findings = new ArrayList<>();
  private final List<ControlException> exceptions = new ArrayList<>();

  /** "HH:MM" on the day, "-HH:MM" that long before it, "24:00" its end. */
  static Instant at(String time) {
    boolean before = time.startsWith("-");
    String[] hm = time.replace("-", "").split(":");
    Duration d = Duration.ofHours(Integer.parseInt(hm[0])).plusMinutes(Integer.parseInt(hm[1]));
    return before ? DAY_START.minus(d) : DAY_START.plus(d);
  }

  /** The next runs record {@code interval} as the schedule they ran under. */
  History recording(Duration interval) {
    recording = interval.toSeconds();
    return this;
  }

  /** Scheduled runs every {@code interval} from {@code from} up to, not including, {@code to}, all passing. */
  History passingEvery(Duration interval, String from, String to) {
    for (Instant t = at(from); t.isBefore(at(to)); t = t.plus(interval)) {
      run(RunTrigger.SCHEDULE, t, RunResult.PASS, List.of());
    }
    return this;
  }

  /** A scheduled run at {@code time} with {@code result}; a failing one names {@code failing}. */
  History scheduled(String time, RunResult result, String... failing) {
    return run(RunTrigger.SCHEDULE, at(time), result, List.of(), failing);
  }

  /** Scheduled runs every hour from {@code from} up to, not including, {@code to}, all with {@code result}. */
  History hourly(String from, String to, RunResult result) {
    for (Instant t = at(from); t.isBefore(at(to)); t = t.plus(HOURLY)) {
      run(RunTrigger.SCHEDULE, t, result, List.of());
    }
    return this;
  }

  History triggered(RunTrigger trigger, String time, RunResult result, String... failing) {
    return run(trigger, at(time), result, List.of(), failing);
  }

  /** A scheduled failing run that also excuses {@code excused}. */
  History excusing(String time, List<String> excused, String... failing) {
    return run(RunTrigger.SCHEDULE, at(time), RunResult.FAIL, excused, failing);
  }

  History run(RunTrigger trigger, Instant start, RunResult result, List<String> excused, String... failing) {
    List<Deviation> exceptions = Arrays.stream(failing).map(m -> new Deviation(m, m + " has a wildcard scope")).toList();
    List<Excused> ex = excused.stream().map(m -> new Excused(m, m + " has a wildcard scope", "exc_" + m, at("24:00")))
        .toList();
    runs.add(new ControlRun(TENANT, "run_" + (runs.size() + 1), AC_1.id(), "least-privilege", trigger,
        trigger == RunTrigger.SCHEDULE ? start : null, recording, start, start.plusSeconds(1), result,
        result == RunResult.ERROR || result == RunResult.NOT_APPLICABLE ? 0 : 10, exceptions.size(), exceptions, ex,
        result == RunResult.ERROR ? "facts failed to load" : null, "0".repeat(64), (long) runs.size() + 1));
    return this;
  }

  /** A finding for {@code subject} opened when the run at {@code opened} finished, resolved likewise (null: open). */
  History finding(String subject, String opened, String resolved) {
    findings.add(new Finding(TENANT, "fnd_" + subject + "_" + opened, AC_1.id(), subject, subject + " has a wildcard scope",
        at(opened).plusSeconds(1), "run_x", resolved == null ? null : at(resolved).plusSeconds(1), null));
    return this;
  }

  History exception(String subject, String created, String expires) {
    exceptions.add(new ControlException(TENANT, "exc_" + subject, AC_1.id(), subject, "migration in progress",
        "usr_ciso", at(expires), at(created), null, null));
    return this;
  }

  ControlHistory build() {
    return new ControlHistory(TENANT, AC_1, HOURLY, runs, findings, exceptions);
  }

  ControlPeriod over(Period period) {
    return PeriodModel.of(period, build());
  }

  ControlPeriod overTheDay() {
    return over(DAY);
  }

  List<ControlRun> runs() {
    return List.copyOf(runs);
  }
}
