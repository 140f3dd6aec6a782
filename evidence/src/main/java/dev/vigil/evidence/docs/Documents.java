package dev.vigil.evidence.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.Vendor;
import dev.vigil.evidence.DocType;
import dev.vigil.evidence.EvidenceDoc;
import dev.vigil.evidence.Fields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the index's documents from what the database holds. Pure: the same rows give the same
 * documents, which is what lets a rebuilt index match the one kept up to date entry by entry.
 * Each document carries the chain entry that proves it: the entry itself, the {@code control.run}
 * entry of a run and what it recorded, or the latest entry that changed an object.
 */
public final class Documents {

  /** The value of {@link Fields#GRANT_ID} on an action no grant covered. */
  public static final String NO_GRANT = "none";

  private Documents() {}

  /**
   * An audit entry. {@code grantId} is the grant that covered an action or decision (null:
   * none did, or the entry is not one).
   */
  public static EvidenceDoc entry(AuditEntry e, String grantId, Names names) {
    JsonNode d = e.data();
    Draft doc = new Draft(DocType.ENTRY, Long.toString(e.seq()), e)
        .term(Fields.KIND, e.kind()).term(Fields.ACTOR, e.actor().type() + ":" + e.actor().id())
        .term(Fields.SUBJECT, e.subject());
    String agentId = text(d, "agentId");
    String connectionId = text(d, "connectionId");
    String action = text(d, "action");
    boolean isAction = agentId != null && connectionId != null && action != null;
    if (isAction) {
      String agent = orId(names.agent(agentId), agentId);
      String connection = orId(names.connection(connectionId), connectionId);
      String status = switch (e.kind()) {
        case "event" -> text(d, "outcome");
        default -> "allow".equals(text(d, "decision")) ? "allowed" : "denied";
      };
      String verb = e.kind().equals("event") ? action : status + " " + action;
      String resource = text(d, "resource");
      doc.title(agent + " " + verb + (resource == null ? "" : " " + resource) + " on " + connection
              + (e.kind().equals("event") && status != null ? " (" + status + ")" : ""))
          .time(instant(text(d, "occurredAt")))
          .term(Fields.AGENT_ID, agentId).term(Fields.AGENT, names.agent(agentId))
          .term(Fields.CONNECTION_ID, connectionId).term(Fields.CONNECTION, names.connection(connectionId))
          .term(Fields.ACTION, action).term(Fields.RESOURCE, resource).term(Fields.STATUS, status)
          .term(Fields.GRANT_ID, grantId == null ? NO_GRANT : grantId);
    } else {
      // A change names what it touched by its name or title when its data carries one.
      String named = text(d, "name") != null ? text(d, "name") : text(d, "title");
      doc.title(e.kind() + " " + (named == null ? e.subject() : named));
      if (e.kind().equals("control.run")) {
        doc.term(Fields.CONTROL_ID, e.subject()).term(Fields.RUN_ID, text(d, "runId"))
            .term(Fields.STATUS, text(d, "result"));
      }
    }
    doc.show("actorId", e.actor().id()).show("actorType", e.actor().type());
    doc.data(d);
    leaves(d, doc);
    return doc.build();
  }

  /**
   * A control run, from its row and its stored evidence record (which names its control's
   * title, family and criteria as they were at the time); {@code proof} is its {@code control.run} entry.
   */
  public static EvidenceDoc run(ControlRun run, JsonNode evidence, AuditEntry proof) {
    Draft doc = control(new Draft(DocType.RUN, run.id(), proof), evidence)
        .title(run.controlId() + " " + evidence.path("title").asText() + ": " + run.result().wire()
            + " (" + run.exceptionCount() + " failing of " + run.population() + ")")
        .time(run.startedAt())
        .term(Fields.RUN_ID, run.id()).term(Fields.STATUS, run.result().wire())
        .term(Fields.TRIGGER, run.trigger().wire())
        .number("population", run.population()).number("exceptionCount", run.exceptionCount())
        .instant("finishedAt", run.finishedAt()).show("error", run.error())
        .show("evidenceSha256", run.evidenceSha256());
    List<String> failing = new ArrayList<>();
    for (JsonNode x : evidence.path("exceptions")) {
      failing.add(x.path("subjectId").asText());
      doc.text(x.path("detail").asText());
    }
    doc.terms(Fields.SUBJECT, failing);
    doc.text(run.error());
    return doc.build();
  }

  /**
   * One evidence item per member the run examined, when its record lists them; otherwise one
   * per failing and excused member it lists.
   */
  public static List<EvidenceDoc> items(ControlRun run, JsonNode evidence, AuditEntry proof) {
    Map<String, JsonNode> failing = bySubject(evidence.path("exceptions"));
    Map<String, JsonNode> excused = bySubject(evidence.path("excused"));
    List<String> members = new ArrayList<>();
    if (evidence.path("membersListed").asBoolean(false)) {
      evidence.path("members").forEach(m -> members.add(m.asText()));
    } else {
      members.addAll(failing.keySet());
      excused.keySet().stream().filter(s -> !failing.containsKey(s)).forEach(members::add);
    }
    List<EvidenceDoc> out = new ArrayList<>(members.size());
    for (String member : members) {
      JsonNode why = failing.containsKey(member) ? failing.get(member) : excused.get(member);
      String result = failing.containsKey(member) ? "fail" : excused.containsKey(member) ? "excused" : "pass";
      Draft doc = control(new Draft(DocType.EVIDENCE, run.id() + ":" + member, proof), evidence)
          .title(run.controlId() + " " + result + ": " + member)
          .time(run.startedAt())
          .term(Fields.RUN_ID, run.id()).term(Fields.SUBJECT, member).term(Fields.STATUS, result);
      ref(doc, member);
      if (why != null) {
        doc.show("detail", why.path("detail").asText()).text(why.path("detail").asText());
        if (why.has("exceptionId")) doc.show("exceptionId", why.path("exceptionId").asText());
      }
      out.add(doc.build());
    }
    return out;
  }

  /**
   * A finding as it stands, with the control it belongs to as the run's evidence names it, and,
   * when its member is a grant ({@code grant}), the grant's agent (id and name) and connection
   * (id only: a connection can be renamed, an agent cannot, and a rename appends no run that
   * would index the finding again). Only runs change what is indexed of it (a person's owner or
   * due date is not indexed), and each run that changes it re-indexes it, so a rebuild from the
   * chain gives the same document.
   */
  public static EvidenceDoc finding(Finding f, JsonNode evidence, AuditEntry proof, Optional<Grant> grant,
      Names names) {
    Draft doc = control(new Draft(DocType.FINDING, f.id(), proof), evidence)
        .title(f.controlId() + " finding " + f.status().wire() + ": "
            + (f.subjectName() == null ? f.subjectId() : f.subjectName()))
        .time(f.openedAt())
        .term(Fields.STATUS, f.status().wire()).term(Fields.SUBJECT, f.subjectId())
        .term(Fields.RUN_ID, f.openedRunId()).show("resolvedRunId", f.resolvedRunId())
        .instant(Fields.OPENED, f.openedAt()).instant(Fields.RESOLVED, f.resolvedAt())
        .text(f.detail()).show("detail", f.detail()).text(f.summary()).show("summary", f.summary())
        .term(Fields.SEVERITY, f.severity() == null ? null : f.severity().wire());
    ref(doc, f.subjectId());
    grant.ifPresent(g -> doc.term(Fields.AGENT_ID, g.agentId()).term(Fields.AGENT, names.agent(g.agentId()))
        .term(Fields.CONNECTION_ID, g.connectionId()));
    if (f.resolvedAt() != null) doc.number(Fields.OPEN_HOURS, Duration.between(f.openedAt(), f.resolvedAt()).toHours());
    return doc.build();
  }

  public static EvidenceDoc agent(Agent a, AuditEntry proof) {
    return new Draft(DocType.AGENT, a.id(), proof).title("agent " + a.name())
        .term(Fields.AGENT_ID, a.id()).term(Fields.AGENT, a.name()).term(Fields.STATUS, a.status().wire())
        .term(Fields.OWNER_ID, a.ownerId()).show("description", a.description()).text(a.description())
        .instant("createdAt", a.createdAt()).instant("statusChangedAt", a.statusChangedAt()).build();
  }

  /**
   * A grant: {@code revoked}, or {@code granted} with its expiry as a time field. Whether a
   * granted grant has expired is asked with a range on {@link Fields#EXPIRES}, at query time:
   * expiring appends no entry, so a status stored here would go stale.
   */
  public static EvidenceDoc grant(Grant g, Names names, AuditEntry proof) {
    String status = g.revokedAt() != null ? "revoked" : "granted";
    return new Draft(DocType.GRANT, g.id(), proof)
        .title("grant of " + orId(names.agent(g.agentId()), g.agentId()) + " on "
            + orId(names.connection(g.connectionId()), g.connectionId()) + ": " + String.join(", ", g.scopes()))
        .term(Fields.GRANT_ID, g.id()).term(Fields.AGENT_ID, g.agentId()).term(Fields.AGENT, names.agent(g.agentId()))
        .term(Fields.CONNECTION_ID, g.connectionId()).term(Fields.CONNECTION, names.connection(g.connectionId()))
        .terms(Fields.SCOPE, g.scopes()).term(Fields.STATUS, status)
        .show("justification", g.justification()).text(g.justification())
        .term(Fields.REQUESTED_BY, g.requestedBy()).term(Fields.APPROVED_BY, g.approvedBy())
        .instant("grantedAt", g.grantedAt()).instant(Fields.EXPIRES, g.expiresAt()).instant("revokedAt", g.revokedAt())
        .build();
  }

  /** A connection: its name, app, vendor and endpoint, never its credential. */
  public static EvidenceDoc connection(Connection c, Names names, AuditEntry proof) {
    return new Draft(DocType.CONNECTION, c.id(), proof).title("connection " + c.name() + " (" + c.app() + ")")
        .term(Fields.CONNECTION_ID, c.id()).term(Fields.CONNECTION, c.name()).term(Fields.APP, c.app())
        .term(Fields.VENDOR_ID, c.vendorId()).term(Fields.VENDOR, names.vendor(c.vendorId()))
        .show("endpoint", c.endpoint()).instant("createdAt", c.createdAt()).build();
  }

  public static EvidenceDoc vendor(Vendor v, AuditEntry proof) {
    return new Draft(DocType.VENDOR, v.id(), proof).title("vendor " + v.name())
        .term(Fields.VENDOR_ID, v.id()).term(Fields.VENDOR, v.name()).term(Fields.STATUS, v.status().wire())
        .term(Fields.CRITICALITY, v.criticality().wire()).show("services", v.services()).text(v.services())
        .show("dataShared", v.dataShared()).text(v.dataShared())
        .instant("createdAt", v.createdAt()).instant("updatedAt", v.updatedAt()).build();
  }

  public static EvidenceDoc incident(Incident i, AuditEntry proof) {
    String status = i.resolvedAt() != null ? "resolved" : i.containedAt() != null ? "contained" : "open";
    return new Draft(DocType.INCIDENT, i.id(), proof).title(i.severity().wire() + " incident: " + i.title())
        .time(i.detectedAt()).term(Fields.STATUS, status).term(Fields.SEVERITY, i.severity().wire())
        .show("description", i.description()).text(i.description())
        .show("affectsCustomerData", Boolean.toString(i.affectsCustomerData()))
        .instant("detectedAt", i.detectedAt()).instant("containedAt", i.containedAt())
        .instant("customersNotifiedAt", i.customersNotifiedAt()).instant("resolvedAt", i.resolvedAt())
        .instant("postmortemAt", i.postmortemAt()).build();
  }

  /** The control's id, family and criteria, as the run's evidence record states them. */
  private static Draft control(Draft doc, JsonNode evidence) {
    List<String> criteria = new ArrayList<>();
    evidence.path("criteria").forEach(c -> criteria.add(c.asText()));
    return doc.term(Fields.CONTROL_ID, text(evidence, "controlId")).term(Fields.FAMILY, text(evidence, "family"))
        .terms(Fields.CRITERION, criteria).show("controlTitle", text(evidence, "title"));
  }

  /** Links a member to the object it is, when it is one object named by its id. */
  private static void ref(Draft doc, String member) {
    if (member.indexOf('/') >= 0) return;
    if (member.startsWith("agt_")) doc.term(Fields.AGENT_ID, member);
    else if (member.startsWith("con_")) doc.term(Fields.CONNECTION_ID, member);
    else if (member.startsWith("ven_")) doc.term(Fields.VENDOR_ID, member);
    else if (member.startsWith("gra_")) doc.term(Fields.GRANT_ID, member);
  }

  private static Map<String, JsonNode> bySubject(JsonNode list) {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode x : list) out.putIfAbsent(x.path("subjectId").asText(), x);
    return out;
  }

  /** Every string and number of {@code node} as searchable text, so attribute values can be found. */
  private static void leaves(JsonNode node, Draft doc) {
    if (node.isValueNode()) {
      doc.text(node.asText());
      return;
    }
    Iterator<JsonNode> it = node.elements();
    while (it.hasNext()) leaves(it.next(), doc);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String orId(String name, String id) {
    return name == null ? id : name;
  }
}
