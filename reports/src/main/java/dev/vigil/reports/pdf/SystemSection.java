package dev.vigil.reports.pdf;

import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.Vendor;
import dev.vigil.reports.content.IncidentOutcome;
import dev.vigil.reports.content.ReportContent;
import dev.vigil.reports.content.SystemDescription;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The system description: agents by status, the vendors, the connections with the vendor behind
 * each, the decisions and actions in the period, and the incidents with their SLA outcomes.
 */
final class SystemSection {

  static final String TITLE = "System description";

  private SystemSection() {}

  static void write(Blocks blocks, ReportContent content) {
    SystemDescription system = content.system();
    blocks.chapter(0, TITLE);
    blocks.paragraph("The system the controls cover: the AI agents of " + CoverPage.displayName(content)
        + ", the apps they act on and the vendors behind them, as they stood at the period's end, and what "
        + "happened in it during the period.");

    blocks.subheading("Agents by status");
    Table agents = new Table(blocks, new Table.Column("Status", 3), new Table.Column("Agents", 1));
    long total = 0;
    for (AgentStatus s : AgentStatus.values()) {
      long n = system.agentsByStatus().getOrDefault(s, 0L);
      total += n;
      agents.row(s.wire(), Formats.count(n));
    }
    agents.row("total", Formats.count(total));
    agents.draw();

    blocks.subheading("Vendors");
    if (system.vendors().isEmpty()) {
      blocks.paragraph("No vendor was recorded.");
    } else {
      Table vendors = new Table(blocks, new Table.Column("Vendor", 2.2f), new Table.Column("Criticality", 1),
          new Table.Column("Status", 0.9f), new Table.Column("Services", 2.4f), new Table.Column("Data shared", 2.4f));
      for (Vendor v : system.vendors()) {
        vendors.row(v.name() + "\n" + v.id(), v.criticality() == null ? "" : v.criticality().wire(),
            v.status() == null ? "" : v.status().wire(), nz(v.services()), nz(v.dataShared()));
      }
      vendors.draw();
    }

    blocks.subheading("Connections");
    if (system.connections().isEmpty()) {
      blocks.paragraph("No connection was recorded.");
    } else {
      Map<String, Vendor> byId = system.vendors().stream()
          .collect(Collectors.toMap(Vendor::id, Function.identity(), (a, b) -> a));
      Table connections = new Table(blocks, new Table.Column("Connection", 3), new Table.Column("App", 2),
          new Table.Column("Vendor", 3));
      for (Connection c : system.connections()) {
        Vendor v = byId.get(c.vendorId());
        connections.row(c.name() + "\n" + c.id(), nz(c.app()),
            v == null ? nz(c.vendorId()) : v.name() + "\n" + v.id());
      }
      connections.draw();
    }

    blocks.subheading("Activity in the period");
    SystemDescription.Activity activity = system.activity();
    blocks.field("Decisions allowed", Formats.count(activity.decisionsAllowed()));
    blocks.field("Decisions denied", Formats.count(activity.decisionsDenied()));
    if (activity.actionsByOutcome().isEmpty()) {
      blocks.field("Agent actions", "none reported");
    } else {
      for (Map.Entry<String, Long> e : new TreeMap<>(activity.actionsByOutcome()).entrySet()) {
        blocks.field("Actions: " + e.getKey(), Formats.count(e.getValue()));
      }
    }

    blocks.subheading("Incidents");
    if (system.incidents().isEmpty()) {
      blocks.paragraph("No incident was open in the period.");
    } else {
      incidents(blocks, system, content.period().to());
    }
  }

  /** The incidents with each SLA's outcome as of the period's end; appendix C repeats them in full. */
  static void incidents(Blocks blocks, SystemDescription system, Instant asOf) {
    Table table = new Table(blocks, new Table.Column("Incident", 3), new Table.Column("Severity", 1),
        new Table.Column("Detected (UTC)", 1.7f), new Table.Column("SLAs", 4));
    for (IncidentOutcome o : system.incidents()) {
      table.row(o.incident().title() + "\n" + o.incident().id(),
          o.incident().severity() == null ? "" : o.incident().severity().wire(), Formats.stamp(o.incident().detectedAt()),
          slas(o, asOf));
    }
    table.draw();
  }

  static String slas(IncidentOutcome o, Instant asOf) {
    if (o.slas().isEmpty()) return "none";
    return o.slas().stream().map(s -> s.name() + " within " + Formats.duration(s.within()) + ": "
        + s.outcome(asOf).name().toLowerCase(java.util.Locale.ROOT)
        + (s.doneAt() == null ? " (not done; due " + Formats.stamp(s.due()) + ")" : " (done " + Formats.stamp(s.doneAt()) + ")"))
        .collect(Collectors.joining("\n"));
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
