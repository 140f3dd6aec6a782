package dev.vigil.controls.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of a tenant's audit chain.
 *
 * @param seq position in the tenant's chain, starting at 1 with no gaps
 * @param tenantId the chain's tenant, hashed so an entry cannot be replayed in another chain
 * @param time when the change was committed, held to millisecond precision
 * @param actor who made the change
 * @param kind what happened, e.g. {@code agent.created}
 * @param subject the id of the object the change is about
 * @param data the change itself, as JSON that {@link CanonicalJson} accepts; never a secret
 * @param hash lowercase hex SHA-256 of this entry chained to its predecessor
 */
public record AuditEntry(
    long seq,
    String tenantId,
    Instant time,
    Actor actor,
    String kind,
    String subject,
    ObjectNode data,
    String hash) {

  public AuditEntry {
    if (seq < 1) throw new IllegalArgumentException("seq starts at 1, got " + seq);
    Objects.requireNonNull(tenantId, "tenantId");
    time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(data, "data");
  }

  /** This entry with its hash set. */
  public AuditEntry withHash(String newHash) {
    return new AuditEntry(seq, tenantId, time, actor, kind, subject, data, newHash);
  }
}
