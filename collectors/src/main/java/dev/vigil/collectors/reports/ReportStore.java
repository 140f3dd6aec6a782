package dev.vigil.collectors.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.controls.audit.Actor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Reports' state, each change with its audit entry in the same transaction: a request
 * ({@code report.requested}), a finished generation ({@code report.generated}, naming each file's
 * SHA-256) or a failed one ({@code report.failed}), and each download ({@code report.downloaded}).
 * Claiming, beating, requeueing and progress are bookkeeping of the system's own work, not
 * changes anyone made, and are not audited. Generation is claimed by a node (a server's data
 * dir, or a CLI run): only one can take a queued report, only the claimant can finish it, and
 * a claim whose node stops beating goes back to the queue. Thread-safe.
 */
public final class ReportStore {

  /** The longest period a report covers. */
  public static final int MAX_MONTHS = 18;
  private static final Actor SYSTEM = new Actor("system", "report-generator");

  private final AuditedWrites writes;

  public ReportStore(AuditedWrites writes) {
    this.writes = writes;
  }

  /**
   * Records a request for the period {@code [from, to)}, queued. A period that is not over
   * ({@code to} after now), empty or reversed, or longer than {@link #MAX_MONTHS} months is
   * refused as a bad request: no report could cover it.
   */
  public Report request(String tenantId, Actor actor, String title, Instant from, Instant to) {
    Instant now = writes.clock().instant();
    if (!to.isAfter(from)) throw Rejected.malformed("to: must be after from");
    if (to.isAfter(now)) throw Rejected.malformed("to: the period must be over; it ends in the future");
    if (from.atOffset(ZoneOffset.UTC).plusMonths(MAX_MONTHS).toInstant().isBefore(to)) {
      throw Rejected.malformed("to: a report covers at most " + MAX_MONTHS + " months");
    }
    String clean = title == null || title.isBlank() ? null : title.strip();
    String id = writes.ids().next("rep");
    writes.jdbi().useTransaction(h -> {
      h.attach(ReportDao.class).insert(tenantId, id, clean, from, to, actor.type(), actor.id(), now);
      writes.audit().append(h, tenantId, actor, "report.requested", id, AuditData.object()
          .put("from", from.toString()).put("to", to.toString()).put("title", clean));
    });
    return find(tenantId, id).orElseThrow();
  }

  public Optional<Report> find(String tenantId, String id) {
    return writes.jdbi().withExtension(ReportDao.class, dao -> dao.find(tenantId, id));
  }

  /** Newest first; {@code before} is the previous page's cursor. */
  public Page<Report> list(String tenantId, String before, int limit) {
    String from = before == null || before.isEmpty() ? "\uffff" : before;
    return Page.of(writes.jdbi().withExtension(ReportDao.class, dao -> dao.list(tenantId, from, limit + 1)), limit,
        Report::id);
  }

  /**
   * Sets back to queued, across tenants, the running reports of {@code node} (it restarted:
   * whatever it was generating stopped with it) and those whose node has not beaten since
   * {@code staleBefore} (it stopped); returns how many.
   */
  public int requeue(String node, Instant staleBefore) {
    return writes.jdbi().withExtension(ReportDao.class, dao -> dao.requeue(node, staleBefore));
  }

  /** Every tenant's queued reports, oldest first, at most {@code limit}. */
  public List<Report> queued(int limit) {
    return writes.jdbi().withExtension(ReportDao.class, dao -> dao.queued(limit));
  }

  /** Takes the queued report for {@code node} to generate; false when another node took it or it is gone. */
  public boolean claim(String tenantId, String id, String node) {
    return writes.jdbi().withExtension(ReportDao.class,
        dao -> dao.claim(tenantId, id, node, writes.clock().instant())) == 1;
  }

  /** Says that {@code node} still generates the reports it took. */
  public void beat(String node) {
    writes.jdbi().useExtension(ReportDao.class, dao -> dao.beat(node, writes.clock().instant()));
  }

  public void progress(String tenantId, String id, String node, double progress) {
    writes.jdbi().useExtension(ReportDao.class,
        dao -> dao.progress(tenantId, id, node, Math.max(0, Math.min(1, progress))));
  }

  /** Records what generation wrote, and puts each file's hash in the chain. */
  public void done(String tenantId, String id, String node, int pages, List<ReportFile> files) {
    ReportFile pdf = file(files, ReportFile.PDF);
    ReportFile pack = file(files, ReportFile.PACKAGE);
    ReportFile oscal = file(files, ReportFile.OSCAL);
    writes.jdbi().useTransaction(h -> {
      int n = h.attach(ReportDao.class).done(tenantId, id, node, pages, pdf.bytes(), pdf.sha256(), pack.bytes(),
          pack.sha256(), oscal.bytes(), oscal.sha256(), writes.clock().instant());
      if (n != 1) throw new IllegalStateException("report " + id + " is not running on " + node);
      ObjectNode data = AuditData.object().put("pages", pages);
      for (ReportFile f : List.of(pdf, pack, oscal)) {
        data.put(f.name(), AuditData.object().put("bytes", f.bytes()).put("sha256", f.sha256()));
      }
      writes.audit().append(h, tenantId, SYSTEM, "report.generated", id, data);
    });
  }

  public void failed(String tenantId, String id, String node, String reason) {
    writes.jdbi().useTransaction(h -> {
      if (h.attach(ReportDao.class).failed(tenantId, id, node, reason, writes.clock().instant()) == 1) {
        writes.audit().append(h, tenantId, SYSTEM, "report.failed", id, AuditData.object().put("reason", reason));
      }
    });
  }

  /** Records that {@code actor} downloaded one of a finished report's files. */
  public void downloaded(String tenantId, Actor actor, Report report, ReportFile file) {
    writes.jdbi().useTransaction(h -> writes.audit().append(h, tenantId, actor, "report.downloaded", report.id(),
        AuditData.object().put("file", file.name()).put("sha256", file.sha256())));
  }

  private static ReportFile file(List<ReportFile> files, String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + name + " among the report's files"));
  }
}
