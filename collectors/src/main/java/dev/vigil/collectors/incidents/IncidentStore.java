package dev.vigil.collectors.incidents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.db.ClockSkew;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.ActiveUsers;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Records incidents and their timelines. No step precedes detection, resolution does not
 * precede containment, the post-incident review does not precede resolution, and nothing is
 * recorded in the future. Thread-safe.
 */
public final class IncidentStore {

  /** Timeline steps to set; a null field is left as it is. */
  public record Timeline(Instant containedAt, Instant customersNotifiedAt, Instant resolvedAt,
      Instant postmortemAt) {}

  private final AuditedWrites writes;

  public IncidentStore(AuditedWrites writes) {
    this.writes = writes;
  }

  /** Opens an incident nobody commands yet. */
  public Incident create(String tenantId, Actor actor, String title, Severity severity,
      Instant detectedAt, boolean affectsCustomerData, String description) {
    return create(tenantId, actor, title, severity, detectedAt, affectsCustomerData, description, null);
  }

  /** Opens an incident; {@code commanderId}, when given, must be an active user of the tenant. */
  public Incident create(String tenantId, Actor actor, String title, Severity severity,
      Instant detectedAt, boolean affectsCustomerData, String description, String commanderId) {
    Instant now = writes.clock().instant();
    if (detectedAt.isAfter(ClockSkew.latest(now))) throw Rejected.invalid("detectedAt: cannot be in the future");
    Incident incident = new Incident(tenantId, writes.ids().next("inc"), title.strip(), severity, detectedAt,
        affectsCustomerData, description, null, null, null, null, now, commanderId);
    return writes.jdbi().inTransaction(h -> {
      if (commanderId != null) ActiveUsers.require(h, tenantId, commanderId, "commanderId", "command incidents");
      h.attach(IncidentDao.class).insert(incident);
      writes.audit().append(h, tenantId, actor, "incident.opened", incident.id(), AuditData.object()
          .put("title", incident.title()).put("severity", severity.wire())
          .put("detectedAt", detectedAt.toString()).put("affectsCustomerData", affectsCustomerData)
          .put("commanderId", commanderId));
      return incident;
    });
  }

  /** Corrections to what was recorded when the incident was opened, and a new commander; a null field is left as it is. */
  public record Correction(String title, Severity severity, String commanderId) {
    static final Correction NONE = new Correction(null, null, null);
  }

  public Incident updateTimeline(String tenantId, Actor actor, String id, Timeline t) {
    return update(tenantId, actor, id, Correction.NONE, t);
  }

  /**
   * Corrects the title and severity and assigns the commander ({@code incident.corrected}, with the old and new value of
   * each field that changed) and sets timeline steps ({@code incident.updated}), in one
   * transaction: when any of it is refused, nothing changes.
   */
  public Incident update(String tenantId, Actor actor, String id, Correction c, Timeline t) {
    return writes.jdbi().inTransaction(h -> {
      IncidentDao dao = h.attach(IncidentDao.class);
      Incident locked = dao.lock(tenantId, id).orElseThrow(() -> Rejected.notFound("incident", id));
      Incident before = correct(h, tenantId, actor, locked, c);
      Incident after = new Incident(tenantId, id, before.title(), before.severity(), before.detectedAt(),
          before.affectsCustomerData(), before.description(),
          orElse(t.containedAt(), before.containedAt()),
          orElse(t.customersNotifiedAt(), before.customersNotifiedAt()),
          orElse(t.resolvedAt(), before.resolvedAt()),
          orElse(t.postmortemAt(), before.postmortemAt()),
          before.createdAt(), before.commanderId());
      check(after, writes.clock().instant());
      if (after.equals(before)) return before;
      dao.updateTimeline(after);
      ObjectNode data = AuditData.object();
      put(data, "containedAt", before.containedAt(), after.containedAt());
      put(data, "customersNotifiedAt", before.customersNotifiedAt(), after.customersNotifiedAt());
      put(data, "resolvedAt", before.resolvedAt(), after.resolvedAt());
      put(data, "postmortemAt", before.postmortemAt(), after.postmortemAt());
      writes.audit().append(h, tenantId, actor, "incident.updated", id, data);
      return after;
    });
  }

  private Incident correct(Handle h, String tenantId, Actor actor, Incident before, Correction c) {
    Incident after = new Incident(tenantId, before.id(), orElse(c.title() == null ? null : c.title().strip(),
        before.title()), orElse(c.severity(), before.severity()), before.detectedAt(), before.affectsCustomerData(),
        before.description(), before.containedAt(), before.customersNotifiedAt(), before.resolvedAt(),
        before.postmortemAt(), before.createdAt(), orElse(c.commanderId(), before.commanderId()));
    ObjectNode data = AuditData.object();
    if (!after.title().equals(before.title())) {
      data.putObject("title").put("from", before.title()).put("to", after.title());
    }
    if (after.severity() != before.severity()) {
      data.putObject("severity").put("from", before.severity().wire()).put("to", after.severity().wire());
    }
    if (!Objects.equals(after.commanderId(), before.commanderId())) {
      ActiveUsers.require(h, tenantId, after.commanderId(), "commanderId", "command incidents");
      data.putObject("commanderId").put("from", before.commanderId()).put("to", after.commanderId());
    }
    if (data.isEmpty()) return before;
    h.attach(IncidentDao.class).correct(after);
    writes.audit().append(h, tenantId, actor, "incident.corrected", before.id(), data);
    return after;
  }

  public Optional<Incident> find(String tenantId, String id) {
    return writes.jdbi().withExtension(IncidentDao.class, dao -> dao.find(tenantId, id));
  }

  public Page<Incident> list(String tenantId, String after, int limit) {
    return Page.of(writes.jdbi().withExtension(IncidentDao.class, dao -> dao.list(tenantId, after, limit + 1)),
        limit, Incident::id);
  }

  private static void check(Incident i, Instant now) {
    List<String> problems = new ArrayList<>();
    notBefore(problems, "containedAt", i.containedAt(), "detectedAt", i.detectedAt());
    notBefore(problems, "customersNotifiedAt", i.customersNotifiedAt(), "detectedAt", i.detectedAt());
    notBefore(problems, "resolvedAt", i.resolvedAt(), "detectedAt", i.detectedAt());
    notBefore(problems, "resolvedAt", i.resolvedAt(), "containedAt", i.containedAt());
    notBefore(problems, "postmortemAt", i.postmortemAt(), "resolvedAt", i.resolvedAt());
    if (i.resolvedAt() != null && i.containedAt() == null) {
      problems.add("resolvedAt: an incident is resolved only once contained; set containedAt too");
    }
    if (i.postmortemAt() != null && i.resolvedAt() == null) {
      problems.add("postmortemAt: an incident has a post-incident review only once resolved");
    }
    Instant latest = ClockSkew.latest(now);
    List<String> future = new ArrayList<>();
    notAfter(future, "containedAt", i.containedAt(), latest);
    notAfter(future, "customersNotifiedAt", i.customersNotifiedAt(), latest);
    notAfter(future, "resolvedAt", i.resolvedAt(), latest);
    notAfter(future, "postmortemAt", i.postmortemAt(), latest);
    // A time in the future explains itself; the ordering complaints it causes would only confuse.
    if (!future.isEmpty()) throw Rejected.invalid(String.join("; ", future));
    if (!problems.isEmpty()) throw Rejected.invalid(String.join("; ", problems));
  }

  private static void notAfter(List<String> future, String field, Instant t, Instant latest) {
    if (t != null && t.isAfter(latest)) future.add(field + ": cannot be in the future");
  }

  private static void notBefore(List<String> problems, String field, Instant t, String otherField, Instant other) {
    if (t != null && other != null && t.isBefore(other)) {
      problems.add(field + ": cannot precede " + otherField + " (" + other + ")");
    }
  }

  private static void put(ObjectNode data, String field, Instant before, Instant after) {
    if (!Objects.equals(before, after)) data.put(field, after.toString());
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
