package dev.vigil.app.web;

import dev.vigil.app.http.Times;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.Exporter;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.SignedNote;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Clock;
import java.util.Map;

/**
 * The audit trail, read-only: its entries newest first or in seq order (as the API lists
 * them), filtered by kind, actor, subject and a time or seq range, a page at a time; the
 * verification of the whole chain with the latest signed checkpoint; and the export bundle of
 * a time window, the very bundle {@code GET /api/v1/audit/export} serves. The API lets admins,
 * compliance and auditors read, verify and export the chain: every role a person can hold, so
 * every signed-in person may here.
 */
@Dashboard
@Path("/audit")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class AuditTrailResource {

  static final int PER_PAGE = 50;

  private final AuditLog log;
  private final CheckpointStore checkpoints;
  private final Exporter exporter;
  private final UserStore users;
  private final Clock clock;

  public AuditTrailResource(AuditLog log, CheckpointStore checkpoints, Exporter exporter, UserStore users,
      Clock clock) {
    this.log = log;
    this.checkpoints = checkpoints;
    this.exporter = exporter;
    this.users = users;
    this.clock = clock;
  }

  @GET
  public Response trail(@Context ContainerRequestContext request, @QueryParam("kind") String kind,
      @QueryParam("actor") String actor, @QueryParam("subject") String subject, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("fromSeq") String fromSeq, @QueryParam("toSeq") String toSeq,
      @QueryParam("order") String order, @QueryParam("cursor") String cursor) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    AuditPage.Filters filters = new AuditPage.Filters(strip(kind), strip(actor), strip(subject), strip(from),
        strip(to), strip(fromSeq), strip(toSeq), "oldest".equals(order));
    try {
      Times.Window window = FormTimes.window("From", from, "Until", to);
      long first = seq("From seq", fromSeq, 1);
      long last = seq("To seq", toSeq, Long.MAX_VALUE);
      if (window.from() != null || window.to() != null) {
        // A time window is a seq range: commit times never decrease along the chain.
        Times.Window w = window.closed();
        AuditLog.Range range = log.range(tenant, w.from(), w.to());
        first = Math.max(first, range.first());
        last = Math.min(last, range.last());
      }
      AuditLog.Trail trail = log.trail(tenant, new AuditLog.Filter(nullIfBlank(kind), nullIfBlank(actor),
          nullIfBlank(subject), first, last), !filters.oldestFirst(), seq("The page's cursor", cursor, 0), PER_PAGE);
      var people = UserNames.of(users, tenant, trail.entries().stream()
          .filter(e -> "user".equals(e.actor().type())).map(e -> e.actor().id()));
      return Response.ok(new AuditPage(session, filters, trail, people, !Params.blank(cursor), null, "", ""))
          .build();
    } catch (IllegalArgumentException e) {
      return Response.status(422)
          .entity(new AuditPage(session, filters, null, Map.of(), false, e.getMessage(), "", "")).build();
    }
  }

  /** Verifies the whole chain, as {@code GET /api/v1/audit/verify} does, and checks the latest checkpoint against it. */
  @GET
  @Path("/verify")
  public AuditVerifyPage verify(@Context ContainerRequestContext request) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    var verification = log.verify(tenant);
    AuditVerifyPage.Signed signed = checkpoints.latest(tenant).map(cp -> check(tenant, cp)).orElse(null);
    return new AuditVerifyPage(session, verification, signed, clock.instant());
  }

  /** The export bundle of entries committed in {@code [from, to)}, the API's bytes; a bad window is a 422 page. */
  @GET
  @Path("/export")
  @Produces({"application/zip", MediaType.TEXT_HTML + ";charset=UTF-8"})
  public Response export(@Context ContainerRequestContext request, @QueryParam("from") String from,
      @QueryParam("to") String to) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Times.Window w;
    try {
      w = FormTimes.window("Export from", from, "Export until", to).closed();
    } catch (IllegalArgumentException e) {
      return Response.status(422).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
          .entity(new AuditPage(session, AuditPage.Filters.NONE, null, Map.of(), false, e.getMessage(), strip(from),
              strip(to))).build();
    }
    StreamingOutput body = out -> exporter.export(tenant, w.from(), w.to(), out);
    return Response.ok(body, "application/zip")
        .header("Content-Disposition", "attachment; filename=\"vigil-audit-" + tenant + ".zip\"")
        .build();
  }

  /** Whether the checkpoint's signature verifies under the service's key, and its hash is the chain's at its size. */
  private AuditVerifyPage.Signed check(String tenant, Checkpoint cp) {
    CheckpointSigner signer = checkpoints.signer();
    boolean signatureValid = SignedNote.verify(cp.note(), Checkpoint.KEY_NAME, signer.publicKey());
    boolean matches = log.hashAt(tenant, cp.size()).map(cp.headHash()::equals).orElse(false);
    return new AuditVerifyPage.Signed(cp, signer.keyId(), signatureValid, matches);
  }

  /** A whole number of at least 0 from a field; {@code absent} when blank. */
  private static long seq(String label, String value, long absent) {
    if (Params.blank(value)) return absent;
    try {
      long n = Long.parseLong(value.strip());
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(label + " must be a whole number (an entry's seq).");
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }

  private static String nullIfBlank(String s) {
    return Params.blank(s) ? null : s.strip();
  }
}
