package dev.vigil.reports.load;

import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.Vendor;
import dev.vigil.reports.content.IncidentOutcome;
import dev.vigil.reports.content.SystemDescription;
import dev.vigil.reports.period.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system description: agents, connections and vendors that existed at the period's end
 * (created before it; each as it stands now, the stores keeping no past states), decisions and
 * reported actions recorded in the period (counted by {@link ActivityCount} in the chain's pass),
 * the incidents open at some time in it, and the names of the tenant's users.
 */
final class SystemReader {

  private final Sources sources;
  private final IncidentSlas slas;

  SystemReader(Sources sources, IncidentSlas slas) {
    this.sources = sources;
    this.slas = slas;
  }

  /** The description, with the period's decisions and actions as the chain's pass counted them. */
  SystemDescription read(String tenantId, Period period, SystemDescription.Activity activity) {
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
    Map<String, String> people = new HashMap<>();
    Pages.forEach(c -> sources.users().list(tenantId, c, Pages.SIZE), u -> people.put(u.id(), u.name()));
    return new SystemDescription(agents, connections, vendors, activity, incidents, people);
  }
}
