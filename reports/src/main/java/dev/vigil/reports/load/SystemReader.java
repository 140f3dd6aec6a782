package dev.vigil.reports.load;

import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.Vendor;
import dev.vigil.reports.content.IncidentOutcome;
import dev.vigil.reports.content.SystemDescription;
import dev.vigil.reports.period.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The system description: agents, connections and vendors that existed at the period's end
 * (created before it; each as it stands now, the stores keeping no past states), decisions and
 * reported actions recorded in the period, and the incidents open at some time in it.
 */
final class SystemReader {

  /** The audit kind DecisionStore records an authorization decision under; its data says allow or deny. */
  static final String DECISION = "decision";
  /** The audit kind EventStore records a reported agent action under; its data carries the outcome. */
  static final String ACTION = "event";
  /** The outcomes EventStore accepts; any other found in the data is counted too, by streaming. */
  static final List<String> OUTCOMES = List.of("success", "failure", "denied");

  private final Sources sources;
  private final IncidentSlas slas;

  SystemReader(Sources sources, IncidentSlas slas) {
    this.sources = sources;
    this.slas = slas;
  }

  SystemDescription read(String tenantId, Period period) {
    Map<AgentStatus, Long> agents = new EnumMap<>(AgentStatus.class);
    Pages.forEach(c -> sources.agents().list(tenantId, c, Pages.SIZE), a -> {
      if (a.createdAt().isBefore(period.to())) agents.merge(a.status(), 1L, Long::sum);
    });
    List<Connection> connections = new ArrayList<>();
    Pages.forEach(c -> sources.connections().list(tenantId, c, Pages.SIZE), v -> {
      if (v.connection().createdAt().isBefore(period.to())) connections.add(v.connection());
    });
    List<Vendor> vendors = new ArrayList<>();
    Pages.forEach(c -> sources.vendors().list(tenantId, c, Pages.SIZE), v -> {
      if (v.createdAt().isBefore(period.to())) vendors.add(v);
    });
    List<IncidentOutcome> incidents = new ArrayList<>();
    Pages.forEach(c -> sources.incidents().list(tenantId, c, Pages.SIZE), (Incident i) -> {
      if (period.overlaps(i.detectedAt(), i.resolvedAt())) incidents.add(slas.of(i));
    });
    return new SystemDescription(agents, connections, vendors, activity(tenantId, period), incidents);
  }

  /**
   * Counted in SQL from the canonical data text (sorted keys, no spaces), which is exact when
   * the counts by value add up to the whole; when they do not (a value nested in an action's
   * attributes could look like the top-level one), the entries are streamed and parsed instead.
   */
  private SystemDescription.Activity activity(String tenantId, Period period) {
    PeriodDao dao = sources.jdbi().onDemand(PeriodDao.class);
    Map<String, Long> decisions = counted(dao, tenantId, period, DECISION, List.of("allow", "deny"),
        v -> "%\"decision\":\"" + v + "\"%", "decision");
    Map<String, Long> actions = counted(dao, tenantId, period, ACTION, OUTCOMES,
        v -> "%\"outcome\":\"" + v + "\",\"resource\":%", "outcome");
    return new SystemDescription.Activity(decisions.getOrDefault("allow", 0L), decisions.getOrDefault("deny", 0L),
        actions);
  }

  private static Map<String, Long> counted(PeriodDao dao, String tenantId, Period period, String kind,
      List<String> values, Function<String, String> pattern, String field) {
    long total = dao.countLike(tenantId, kind, period.from(), period.to(), "%");
    Map<String, Long> out = new TreeMap<>();
    long sum = 0;
    for (String v : values) {
      long n = dao.countLike(tenantId, kind, period.from(), period.to(), pattern.apply(v));
      out.put(v, n);
      sum += n;
    }
    if (sum == total) return out;
    Map<String, Long> streamed = new TreeMap<>();
    values.forEach(v -> streamed.put(v, 0L));
    long after = 0;
    while (true) {
      List<AuditEntry> page = dao.ofKind(tenantId, kind, period.from(), period.to(), after, Pages.SIZE);
      for (AuditEntry e : page) streamed.merge(e.data().path(field).asText(), 1L, Long::sum);
      if (page.size() < Pages.SIZE) return streamed;
      after = page.get(page.size() - 1).seq();
    }
  }
}
