package dev.vigil.reports.content;

import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.Vendor;
import java.util.List;
import java.util.Map;

/**
 * The system the controls cover, as it stood at the period's end, and what happened in it
 * during the period: agents by status, connections with the vendor behind each, the vendors,
 * the decisions and agent actions in the period, the incidents with their SLA outcomes, and the
 * tenant's people by user id (their names, so that the report says who approved and revoked).
 */
public record SystemDescription(Map<AgentStatus, Long> agentsByStatus, List<Connection> connections,
    List<Vendor> vendors, Activity activity, List<IncidentOutcome> incidents, Map<String, String> people) {

  public SystemDescription {
    agentsByStatus = Map.copyOf(agentsByStatus);
    people = Map.copyOf(people);
    connections = List.copyOf(connections);
    vendors = List.copyOf(vendors);
    incidents = List.copyOf(incidents);
  }

  /** Decisions (allowed, denied) and reported agent actions (by outcome) in the period. */
  public record Activity(long decisionsAllowed, long decisionsDenied, Map<String, Long> actionsByOutcome) {

    public Activity {
      actionsByOutcome = Map.copyOf(actionsByOutcome);
    }
  }
}
