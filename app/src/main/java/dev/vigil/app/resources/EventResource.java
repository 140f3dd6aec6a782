package dev.vigil.app.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.app.api.IngestRequest;
import dev.vigil.app.api.IngestResponse;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.app.http.QueryParams;
import dev.vigil.app.http.Times;
import dev.vigil.app.metrics.DataPlaneMetrics;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.events.EventStore;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.AuditJson;
import dev.vigil.controls.model.Role;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Reported agent actions: ingest in batches, and query by agent, connection, action and time. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EventResource {

  private final EventStore events;
  private final DataPlaneMetrics metrics;

  public EventResource(EventStore events, DataPlaneMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  @POST
  @RolesAllowed({Roles.INGEST, Roles.AGENT, Roles.ADMIN})
  @ApiResponse(responseCode = "202", description = "Accepted",
      content = @Content(schema = @Schema(implementation = IngestResponse.class)))
  public Response ingest(@Auth Caller caller, @NotNull @Valid IngestRequest body) {
    List<EventStore.NewEvent> batch = body.events().stream()
        .map(e -> e == null ? null : new EventStore.NewEvent(e.agentId(), e.connectionId(), e.action(),
            e.resource(), e.outcome(), e.occurredAt(), e.onBehalfOf(), e.attributes()))
        .toList(); // may hold nulls, which the store reports by index
    EventStore.Accepted a = events.ingest(caller.tenantId(), caller.actor(),
        caller.role() == Role.AGENT ? caller.agentId() : null, batch);
    metrics.ingested(a.accepted());
    return Response.accepted(new IngestResponse(a.accepted(), a.firstSeq(), a.lastSeq())).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<ObjectNode> query(@Auth Caller caller, @QueryParam("agentId") String agentId,
      @QueryParam("connectionId") String connectionId, @QueryParam("action") String action,
      @QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    Paging p = Paging.of(null, limit);
    Times.Window window = Times.window(from, to);
    EventStore.Query query = new EventStore.Query(QueryParams.value(agentId), QueryParams.value(connectionId),
        QueryParams.value(action), window.from(), window.to());
    List<AuditEntry> fetched = events.query(caller.tenantId(), query, Paging.afterSeq(cursor), p.limit() + 1);
    return ListBody.of(Page.of(fetched, p.limit(), e -> Long.toString(e.seq())), AuditJson::toJson);
  }
}
