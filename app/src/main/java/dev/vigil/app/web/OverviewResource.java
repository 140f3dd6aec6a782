package dev.vigil.app.web;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import dev.vigil.app.config.EvidenceFactory;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.StatusRow;
import dev.vigil.controls.catalog.Catalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The overview: every control by family with its status and 30-day passing share, open
 * findings by age, the median time to remediate, the last sweep, the audit chain's head and
 * last signed checkpoint, and the health of the scheduler and the evidence index. Each figure
 * is one indexed read or aggregate; {@code /live/overview} re-reads only the statuses, for the
 * page to poll.
 */
@Dashboard
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class OverviewResource {

  /** The window of the passing share and of the median time to remediate. */
  static final Duration WINDOW = Duration.ofDays(Sparkline.DAYS);

  private final Catalog catalog;
  private final ControlQueries queries;
  private final CheckpointStore checkpoints;
  private final HealthCheckRegistry health;
  private final boolean indexKept;
  private final boolean sweepsHere;
  private final Clock clock;

  public OverviewResource(Catalog catalog, ControlQueries queries, CheckpointStore checkpoints,
      HealthCheckRegistry health, boolean indexKept, boolean sweepsHere, Clock clock) {
    this.catalog = catalog;
    this.queries = queries;
    this.checkpoints = checkpoints;
    this.health = health;
    this.indexKept = indexKept;
    this.sweepsHere = sweepsHere;
    this.clock = clock;
  }

  @GET
  public OverviewPage overview(@Context ContainerRequestContext request) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Instant now = clock.instant();
    Map<String, Sparkline> charts = Sparkline.of(queries.runsByDay(tenant, now.minus(WINDOW)), now);
    return new OverviewPage(session, catalog, statuses(tenant), charts, queries.openFindingAges(tenant, now),
        queries.medianTimeToRemediate(tenant, now.minus(WINDOW)).orElse(null),
        queries.lastSweep(tenant).orElse(null), queries.chainHead(tenant).orElse(0L),
        checkpoints.latest(tenant).orElse(null), check("scheduler"), sweepsHere,
        indexKept ? check(EvidenceFactory.HEALTH_CHECK) : null, now);
  }

  /** The statuses again, as out-of-band swaps of the overview's badges and counts. */
  @GET
  @Path("live/overview")
  @Dashboard.Live
  public LiveStatus live(@Context ContainerRequestContext request) {
    WebSession session = WebSession.of(request);
    return new LiveStatus(session, catalog.ids(), statuses(session.tenantId()), true);
  }

  private Map<String, StatusRow> statuses(String tenantId) {
    return Status.byControl(queries.statuses(tenantId));
  }

  private HealthCheck.Result check(String name) {
    try {
      return health.runHealthCheck(name);
    } catch (java.util.NoSuchElementException e) {
      return HealthCheck.Result.unhealthy("not registered");
    }
  }
}
