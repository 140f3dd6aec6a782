package dev.vigil.collectors.exceptions;

import dev.vigil.controls.model.ControlException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Control exceptions. */
@RegisterConstructorMapper(ControlException.class)
public interface ExceptionDao {

  String COLUMNS = "tenant_id, id, control_id, subject_id, reason, approved_by, expires_at, created_at, "
      + "revoked_at, revoked_by";

  @SqlUpdate("""
      INSERT INTO control_exceptions (tenant_id, id, control_id, subject_id, reason, approved_by, expires_at, created_at)
      VALUES (:tenantId, :id, :controlId, :subjectId, :reason, :approvedBy, :expiresAt, :createdAt)
      """)
  void insert(@BindMethods ControlException exception);

  /** The exception, locked until the transaction ends, so that it is revoked once. */
  @SqlQuery("SELECT " + COLUMNS + " FROM control_exceptions WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
  Optional<ControlException> lock(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlUpdate("""
      UPDATE control_exceptions SET revoked_at = :at, revoked_by = :by
      WHERE tenant_id = :tenantId AND id = :id AND revoked_at IS NULL
      """)
  int revoke(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("at") Instant at,
      @Bind("by") String by);

  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM control_exceptions
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<ControlException> list(@Bind("tenantId") String tenantId, @Bind("after") String after,
      @Bind("limit") int limit);

  /** The control's exceptions that cover their subject at {@code now}, soonest to end first. */
  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM control_exceptions
      WHERE tenant_id = :tenantId AND control_id = :controlId AND expires_at > :now AND revoked_at IS NULL
      ORDER BY expires_at, id
      LIMIT :limit
      """)
  List<ControlException> activeOfControl(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId,
      @Bind("now") Instant now, @Bind("limit") int limit);
}
