package dev.vigil.evidence.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.model.Grant;
import dev.vigil.evidence.EvidenceDoc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns a stretch of a tenant's chain into the documents it adds or replaces: one per entry,
 * and for each entry that changed something, the documents of what it changed, read as they
 * stand now (a control run with its evidence items and findings; an agent, grant, connection,
 * vendor or incident). Thread-safe; the {@link Tenant} it hands out is not.
 */
public final class EvidenceReader {

  /** The stores the reader takes current state from. */
  public record Sources(AgentStore agents, GrantStore grants, ConnectionStore connections, VendorStore vendors,
      IncidentStore incidents, ControlQueries controls) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbi jdbi;
  private final Sources sources;

  public EvidenceReader(Jdbi jdbi, Sources sources) {
    this.jdbi = jdbi;
    this.sources = sources;
  }

  /** A reader of one tenant's chain, with its own cache of names. */
  public Tenant tenant(String tenantId) {
    return new Tenant(tenantId, new TenantNames(jdbi, tenantId));
  }

  /** One tenant's reader; one thread at a time. */
  public final class Tenant {
    private final String tenantId;
    private final Names names;

    private Tenant(String tenantId, Names names) {
      this.tenantId = tenantId;
      this.names = names;
    }

    /** Up to {@code limit} entries after {@code afterSeq}, in chain order. */
    public List<EvidenceDao.Indexed> entries(long afterSeq, int limit) {
      return jdbi.withExtension(EvidenceDao.class, dao -> dao.after(tenantId, afterSeq, limit));
    }

    /**
     * The documents of {@code entries}. An object changed more than once in the stretch is read
     * once, proved by the last entry that changed it.
     */
    public List<EvidenceDoc> documents(List<EvidenceDao.Indexed> entries) {
      List<EvidenceDoc> out = new ArrayList<>(entries.size());
      Map<String, AuditEntry> changed = new LinkedHashMap<>();
      for (EvidenceDao.Indexed x : entries) {
        AuditEntry e = x.entry();
        out.add(Documents.entry(e, x.grantId(), names));
        switch (e.kind()) {
          case "control.run" -> runDocuments(e, out);
          case "agent.created", "agent.status_changed", "agent.owner_changed", "grant.created", "grant.revoked",
              "connection.created", "connection.updated", "connection.retired", "credential.stored",
              "credential.deleted", "vendor.created", "vendor.updated", "vendor.reviewed", "incident.opened",
              "incident.updated", "incident.corrected" -> {
            names.changed(e.subject());
            changed.put(e.subject(), e);
            e.data().path("revokedGrants").forEach(g -> changed.put(g.asText(), e));
            // A connection's document names its vendor: renaming the vendor changes theirs too,
            // or they would keep the old name until a rebuild.
            if (e.kind().equals("vendor.updated") && e.data().has("name")) {
              jdbi.withExtension(EvidenceDao.class, dao -> dao.connectionsOfVendor(tenantId, e.subject()))
                  .forEach(c -> changed.put(c, e));
            }
          }
          default -> { }
        }
      }
      changed.forEach((id, proof) -> state(id, proof).ifPresent(out::add));
      return out;
    }

    private void runDocuments(AuditEntry e, List<EvidenceDoc> out) {
      String runId = e.data().path("runId").asText();
      Optional<ControlRun> run = sources.controls().run(tenantId, runId);
      if (run.isEmpty()) return;
      JsonNode evidence = sources.controls().evidence(tenantId, run.get().controlId(), runId)
          .map(EvidenceReader::parse).orElseThrow();
      out.add(Documents.run(run.get(), evidence, e));
      out.addAll(Documents.items(run.get(), evidence, e));
      for (Finding f : sources.controls().findingsOfRun(tenantId, runId)) {
        // A finding about a grant is about its agent and connection too: searches by either find it.
        Optional<Grant> grant = "grant".equals(f.subjectKind()) ? sources.grants().find(tenantId, f.subjectId())
            : Optional.empty();
        out.add(Documents.finding(f, evidence, e, grant, names));
      }
    }

    /** The document of the object {@code id} as it stands, when its id names a kind the index keeps. */
    private Optional<EvidenceDoc> state(String id, AuditEntry proof) {
      String prefix = id.length() > 4 ? id.substring(0, 4) : id;
      return switch (prefix) {
        case "agt_" -> sources.agents().find(tenantId, id).map(a -> Documents.agent(a, proof));
        case "gra_" -> sources.grants().find(tenantId, id)
            .map(g -> Documents.grant(g, names, proof));
        case "con_" -> sources.connections().find(tenantId, id)
            .map(v -> Documents.connection(v.connection(), names, proof));
        case "ven_" -> sources.vendors().find(tenantId, id).map(v -> Documents.vendor(v, proof));
        case "inc_" -> sources.incidents().find(tenantId, id).map(i -> Documents.incident(i, proof));
        default -> Optional.empty();
      };
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored evidence record is not JSON", e);
    }
  }
}
