package dev.vigil.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** {@code POST /events}: 1 to 1000 events, appended whole or not at all. */
public record IngestRequest(@NotEmpty @Size(max = 1000) List<@NotNull @Valid Event> events) {

  /** One reported action. */
  public record Event(
      @NotBlank @Size(max = 40) String agentId,
      @NotBlank @Size(max = 40) String connectionId,
      @NotBlank @Size(max = 130) String action,
      @Size(max = 2000) String resource,
      @NotBlank String outcome,
      @NotNull Instant occurredAt,
      @Size(max = 200) String onBehalfOf,
      ObjectNode attributes) {}
}
