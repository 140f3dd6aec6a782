package dev.vigil.app.web;

import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.VendorControls;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorReview;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The vendors: the list a page at a time, each with its owner and where its reviews stand
 * (the latest, when the next is due, overdue as VM-1 judges it), and a vendor's page with its
 * reviews, its connections and its open findings, each paged. Read-only: vendors and reviews
 * are recorded through the API.
 */
@Dashboard
@Path("/vendors")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class VendorsResource {

  static final int PER_PAGE = 50;
  static final int REVIEWS_PER_PAGE = 20;
  static final int CONNECTIONS_PER_PAGE = 20;
  static final int FINDINGS_PER_PAGE = 20;

  private final VendorStore vendors;
  private final ConnectionStore connections;
  private final ControlQueries queries;
  private final UserStore users;
  private final ControlParameters parameters;
  private final Clock clock;

  public VendorsResource(VendorStore vendors, ConnectionStore connections, ControlQueries queries, UserStore users,
      ControlParameters parameters, Clock clock) {
    this.vendors = vendors;
    this.connections = connections;
    this.queries = queries;
    this.users = users;
    this.parameters = parameters;
    this.clock = clock;
  }

  @GET
  public VendorsPage list(@Context ContainerRequestContext request, @QueryParam("after") String after) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Instant now = clock.instant();
    Page<Vendor> page = vendors.list(tenant, Params.cursor(after), PER_PAGE);
    Map<String, VendorReview> latest = vendors.latestReviews(tenant, page.items().stream().map(Vendor::id).toList());
    Map<String, Vendors.Review> reviews = new HashMap<>();
    page.items().forEach(v -> reviews.put(v.id(), Vendors.review(v, latest.get(v.id()), now, parameters)));
    return new VendorsPage(session, Paged.of(page, after), reviews,
        UserNames.of(users, tenant, page.items().stream().map(Vendor::ownerId)),
        parameters.get(VendorControls.VENDOR_REVIEW_MONTHS));
  }

  @GET
  @Path("/{id}")
  public VendorPage vendor(@Context ContainerRequestContext request, @PathParam("id") String id,
      @QueryParam("reviews") String reviewsAfter, @QueryParam("connections") String connectionsAfter,
      @QueryParam("findings") String findingsAfter) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Vendor vendor = vendors.find(tenant, id).orElseThrow(() -> PageRefused.notFound(session, "vendor " + id));
    VendorReview latest = vendors.latestReviews(tenant, List.of(id)).get(id);
    var reviews = Paged.of(vendors.reviews(tenant, id, Params.cursor(reviewsAfter), REVIEWS_PER_PAGE), reviewsAfter);
    var used = Paged.of(connections.ofVendor(tenant, id, Params.cursor(connectionsAfter), CONNECTIONS_PER_PAGE),
        connectionsAfter);
    Page<Finding> findings = queries.findingsAbout(tenant, id, FindingStatus.OPEN, Params.cursor(findingsAfter),
        FINDINGS_PER_PAGE);
    Map<String, String> names = UserNames.of(users, tenant,
        Stream.concat(Stream.of(vendor.ownerId()), findings.items().stream().map(Finding::ownerId)));
    Instant now = clock.instant();
    return new VendorPage(session, vendor, Vendors.review(vendor, latest, now, parameters), names, reviews, used,
        new OpenFindings(Paged.of(findings, findingsAfter), names, now));
  }
}
