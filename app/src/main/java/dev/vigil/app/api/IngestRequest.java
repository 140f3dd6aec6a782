package dev.vigil.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /events}: 1 to 1000 events, appended whole or not at all. Each event's fields
 * are checked by {@code EventStore} in one pass with the rest of the batch's validation (bean
 * validation of a thousand elements cost more than everything else ingest does to them).
 */
public record IngestRequest(@NotEmpty @Size(max = 1000, message = "must have at most {max} items") List<Event> events) {

  /** One reported action. */
  public record Event(
      String agentId,
      String connectionId,
      String action,
      String resource,
      String outcome,
      Instant occurredAt,
      String onBehalfOf,
      ObjectNode attributes) {}
}
