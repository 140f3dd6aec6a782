package dev.vigil.reports.pack;

import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.ControlException;
import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.Vendor;
import dev.vigil.reports.content.ControlSection;
import dev.vigil.reports.content.IncidentOutcome;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.period.ControlPeriod;
import dev.vigil.reports.period.ExceptionInForce;
import dev.vigil.reports.period.PeriodDeviation;
import dev.vigil.reports.sample.Sample;
import dev.vigil.reports.sample.SampledItem;
import dev.vigil.reports.sample.Stretch;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The package's CSV files, from the report's content: each control's deviations, the findings,
 * the exceptions, the samples and the populations sampled. Long form (one row per deviation and
 * item, per sampled member and stretch of runs), so that nothing is cut short the way a PDF table is
 * and a spreadsheet can filter every column. Times are UTC in the chain's format; durations in
 * seconds. Stateless.
 */
final class Tables {

  private Tables() {}

  /**
   * One row per run, failing member, finding and error reason of each deviation; one bare row
   * for a deviation with none.
   */
  static void deviations(ControlPeriod control, OutputStream out) throws IOException {
    Csv csv = new Csv(out, List.of("control", "deviation", "kind", "status", "start", "began_before_period", "end",
        "open_at_period_end", "time_to_remediate_seconds", "item", "item_id", "detail"));
    int n = 0;
    for (PeriodDeviation d : control.deviations()) {
      n++;
      List<Object> head = List.of(control.control().id(), n, d.kind(), d.status().name().toLowerCase(Locale.ROOT),
          time(d.start()), d.beganBeforePeriod(), time(d.end()), d.openAtPeriodEnd(),
          d.timeToRemediate().map(Duration::getSeconds).map(String::valueOf).orElse(""));
      List<List<Object>> items = new ArrayList<>();
      for (String run : d.runIds()) items.add(List.of("run", run, ""));
      for (Deviation m : d.members()) items.add(List.of("member", m.subjectId(), m.detail()));
      for (Finding f : d.findings()) items.add(List.of("finding", f.id(), f.subjectId() + ": " + f.detail()));
      for (String e : d.errors()) items.add(List.of("error", "", e));
      if (items.isEmpty()) items.add(List.of("", "", ""));
      for (List<Object> item : items) csv.row(concat(head, item));
    }
    csv.flush();
  }

  /** Every finding open during a deviation of any control, once, in control then id order. */
  static void findings(ReportContent content, OutputStream out) throws IOException {
    Csv csv = new Csv(out, List.of("control", "finding", "member", "detail", "opened_at", "opened_by_run",
        "resolved_at", "resolved_by_run"));
    Map<String, Finding> seen = new LinkedHashMap<>();
    for (ControlSection s : content.controls()) {
      for (PeriodDeviation d : s.period().deviations()) {
        for (Finding f : d.findings()) seen.putIfAbsent(f.controlId() + "\n" + f.id(), f);
      }
    }
    for (Finding f : seen.values()) {
      csv.row(f.controlId(), f.id(), f.subjectId(), f.detail(), time(f.openedAt()), f.openedRunId(),
          time(f.resolvedAt()), f.resolvedRunId());
    }
    csv.flush();
  }

  /** Every exception in force in the period; one row per deviation stretch it covered, or one bare row. */
  static void exceptions(ReportContent content, OutputStream out) throws IOException {
    Csv csv = new Csv(out, List.of("control", "exception", "member", "reason", "approved_by", "approved_at",
        "expires_at", "revoked_at", "revoked_by", "covered_deviation_start", "covered_from", "covered_to"));
    for (ControlSection s : content.controls()) {
      for (ExceptionInForce e : s.period().exceptions()) {
        ControlException x = e.exception();
        List<Object> head = List.of(x.controlId(), x.id(), x.subjectId(), x.reason(), x.approvedBy(),
            time(x.createdAt()), time(x.expiresAt()), time(x.revokedAt()), x.revokedBy() == null ? "" : x.revokedBy());
        if (e.covered().isEmpty()) csv.row(concat(head, List.of("", "", "")));
        for (ExceptionInForce.Covered c : e.covered()) {
          csv.row(concat(head, List.of(time(c.deviationStart()), time(c.from()), time(c.to()))));
        }
      }
    }
    csv.flush();
  }

  /**
   * One row per sampled member and stretch of consecutive runs that examined it and found the
   * same; one bare row for a member no run examined.
   */
  static void samples(ReportContent content, OutputStream out) throws IOException {
    Csv csv = new Csv(out, List.of("control", "population_kind", "population", "frequency", "sample_size",
        "whole_population", "seed", "draw", "member", "rank", "first_run", "first_run_started_at", "last_run",
        "last_run_started_at", "runs", "result", "detail", "chain_entries"));
    for (ControlSection s : content.controls()) {
      if (s.sample().isEmpty()) continue;
      Sample sample = s.sample().get();
      int draw = 0;
      for (SampledItem item : sample.items()) {
        draw++;
        String seqs = item.chainEntries().stream().map(e -> Long.toString(e.seq())).collect(Collectors.joining(" "));
        List<Object> head = List.of(sample.controlId(), s.populationKind().orElse(""), sample.population(),
            sample.frequency().words(), sample.size(), sample.wholePopulation(), sample.seed(), draw, item.memberId(),
            item.rank());
        if (item.examinations().isEmpty()) csv.row(concat(head, List.of("", "", "", "", "", "", "", seqs)));
        for (Stretch x : item.examinations()) {
          csv.row(concat(head, List.of(x.firstRunId(), time(x.firstStartedAt()), x.lastRunId(),
              time(x.lastStartedAt()), x.runs(), x.result().name().toLowerCase(Locale.ROOT),
              x.detail() == null ? "" : x.detail(), seqs)));
        }
      }
    }
    csv.flush();
  }

  /**
   * The population kinds sampled, each with the members the report knows: every vendor,
   * connection and incident of the system description (as at the period's end) with its name
   * (an incident's title), and every
   * sampled member, with the controls whose sample drew it. Kinds in name order, members by id.
   */
  static Map<String, Population> populations(ReportContent content) {
    Map<String, Map<String, String>> known = Map.of(
        "vendors", content.system().vendors().stream().collect(Collectors.toMap(Vendor::id, Vendor::name, (a, b) -> a)),
        "connections", content.system().connections().stream()
            .collect(Collectors.toMap(Connection::id, Connection::name, (a, b) -> a)),
        "incidents", content.system().incidents().stream().map(IncidentOutcome::incident)
            .collect(Collectors.toMap(Incident::id, Incident::title, (a, b) -> a)));
    Map<String, Population> out = new TreeMap<>();
    for (ControlSection s : content.controls()) {
      if (s.sample().isEmpty() || s.populationKind().isEmpty()) continue;
      Population p = out.computeIfAbsent(s.populationKind().get(),
          kind -> Population.of(known.getOrDefault(kind, Map.of())));
      for (SampledItem item : s.sample().get().items()) {
        p.members().computeIfAbsent(item.memberId(), m -> new TreeSet<>()).add(s.period().control().id());
      }
    }
    return out;
  }

  /** The members of one kind: id to the controls whose sample drew it (empty when none did), and names where known. */
  record Population(TreeMap<String, TreeSet<String>> members, Map<String, String> names) {

    static Population of(Map<String, String> names) {
      TreeMap<String, TreeSet<String>> members = new TreeMap<>();
      names.keySet().forEach(id -> members.put(id, new TreeSet<>()));
      return new Population(members, names);
    }

    void write(OutputStream out) throws IOException {
      Csv csv = new Csv(out, List.of("member", "name", "sampled_by"));
      for (Map.Entry<String, TreeSet<String>> m : members.entrySet()) {
        csv.row(m.getKey(), names.getOrDefault(m.getKey(), ""), String.join(" ", m.getValue()));
      }
      csv.flush();
    }
  }

  private static List<Object> concat(List<Object> a, List<Object> b) {
    List<Object> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String time(Instant t) {
    return t == null ? "" : AuditChain.formatTime(t);
  }
}
