package dev.vigil.collectors.audit;

import dev.vigil.collectors.db.Ids;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * What a control-plane store writes with: the database, the appender that adds each change's
 * audit entry inside the change's own transaction, the source of new ids, and the clock.
 * Immutable; thread-safe as its parts are.
 */
public record AuditedWrites(Jdbi jdbi, AuditAppender audit, Ids ids, Clock clock) {}
