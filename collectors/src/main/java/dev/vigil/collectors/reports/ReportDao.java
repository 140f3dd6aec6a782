package dev.vigil.collectors.reports;

import dev.vigil.controls.audit.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The reports table; every statement but the queue's ({@link #queued}, {@link #beat}, {@link #requeue}) is scoped by tenant. */
@RegisterRowMapper(ReportDao.Mapper.class)
public interface ReportDao {

  String COLUMNS = "tenant_id, id, title, period_from, period_to, status, progress, reason, pages, pdf_bytes, "
      + "pdf_sha256, package_bytes, package_sha256, oscal_bytes, oscal_sha256, requested_by_type, requested_by_id, "
      + "created_at, started_at, finished_at";

  @SqlUpdate("""
      INSERT INTO reports (tenant_id, id, title, period_from, period_to, status, progress, requested_by_type,
          requested_by_id, created_at)
      VALUES (:tenantId, :id, :title, :from, :to, 'QUEUED', 0, :actorType, :actorId, :createdAt)
      """)
  void insert(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("title") String title,
      @Bind("from") Instant from, @Bind("to") Instant to, @Bind("actorType") String actorType,
      @Bind("actorId") String actorId, @Bind("createdAt") Instant createdAt);

  @SqlQuery("SELECT " + COLUMNS + " FROM reports WHERE tenant_id = :tenantId AND id = :id")
  Optional<Report> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

  /** Newest first: ids grow with time. */
  @SqlQuery("SELECT " + COLUMNS + " FROM reports WHERE tenant_id = :tenantId AND id < :before "
      + "ORDER BY id DESC LIMIT :limit")
  List<Report> list(@Bind("tenantId") String tenantId, @Bind("before") String before, @Bind("limit") int limit);

  /** Every tenant's queued reports, oldest first. */
  @SqlQuery("SELECT " + COLUMNS + " FROM reports WHERE status = 'QUEUED' ORDER BY id LIMIT :limit")
  List<Report> queued(@Bind("limit") int limit);

  /** Takes a queued report for {@code node}; 0 when another node took it first or it is gone. */
  @SqlUpdate("UPDATE reports SET status = 'RUNNING', progress = 0, started_at = :at, heartbeat_at = :at, "
      + "node = :node, reason = NULL WHERE tenant_id = :tenantId AND id = :id AND status = 'QUEUED'")
  int claim(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("node") String node,
      @Bind("at") Instant at);

  @SqlUpdate("UPDATE reports SET heartbeat_at = :at WHERE status = 'RUNNING' AND node = :node")
  int beat(@Bind("node") String node, @Bind("at") Instant at);

  /**
   * Every tenant's running reports of {@code node} (it restarted), or of any node that has not
   * beaten since {@code staleBefore} (it stopped), back to queued.
   */
  @SqlUpdate("UPDATE reports SET status = 'QUEUED', progress = 0, node = NULL, heartbeat_at = NULL "
      + "WHERE status = 'RUNNING' AND (node = :node OR node IS NULL OR heartbeat_at < :staleBefore)")
  int requeue(@Bind("node") String node, @Bind("staleBefore") Instant staleBefore);

  @SqlUpdate("UPDATE reports SET progress = :progress WHERE tenant_id = :tenantId AND id = :id AND status = 'RUNNING' "
      + "AND node = :node")
  int progress(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("node") String node,
      @Bind("progress") double progress);

  @SqlUpdate("""
      UPDATE reports SET status = 'DONE', progress = 1, pages = :pages, pdf_bytes = :pdfBytes,
          pdf_sha256 = :pdfSha256, package_bytes = :packageBytes, package_sha256 = :packageSha256,
          oscal_bytes = :oscalBytes, oscal_sha256 = :oscalSha256, finished_at = :at
      WHERE tenant_id = :tenantId AND id = :id AND status = 'RUNNING' AND node = :node
      """)
  int done(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("node") String node, @Bind("pages") int pages,
      @Bind("pdfBytes") long pdfBytes, @Bind("pdfSha256") String pdfSha256, @Bind("packageBytes") long packageBytes,
      @Bind("packageSha256") String packageSha256, @Bind("oscalBytes") long oscalBytes,
      @Bind("oscalSha256") String oscalSha256, @Bind("at") Instant at);

  @SqlUpdate("UPDATE reports SET status = 'FAILED', reason = :reason, finished_at = :at "
      + "WHERE tenant_id = :tenantId AND id = :id AND status = 'RUNNING' AND node = :node")
  int failed(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("node") String node,
      @Bind("reason") String reason,
      @Bind("at") Instant at);

  /** Reads a row; the files come from their three column pairs, present once done. */
  final class Mapper implements RowMapper<Report> {
    @Override
    public Report map(ResultSet rs, StatementContext ctx) throws SQLException {
      List<ReportFile> files = new ArrayList<>();
      file(rs, ReportFile.PDF, "pdf", files);
      file(rs, ReportFile.PACKAGE, "package", files);
      file(rs, ReportFile.OSCAL, "oscal", files);
      int pageCount = rs.getInt("pages");
      Integer pages = rs.wasNull() ? null : pageCount;
      return new Report(rs.getString("tenant_id"), rs.getString("id"), rs.getString("title"),
          instant(rs, "period_from"), instant(rs, "period_to"), ReportStatus.valueOf(rs.getString("status")),
          rs.getDouble("progress"), rs.getString("reason"), pages, files,
          new Actor(rs.getString("requested_by_type"), rs.getString("requested_by_id")), instant(rs, "created_at"),
          instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static void file(ResultSet rs, String name, String column, List<ReportFile> out) throws SQLException {
      String sha = rs.getString(column + "_sha256");
      if (sha != null) out.add(new ReportFile(name, rs.getLong(column + "_bytes"), sha));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
      OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }
  }
}
