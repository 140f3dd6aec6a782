package dev.vigil.collectors.exceptions;

import dev.vigil.controls.model.ControlException;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Control exceptions. */
@RegisterConstructorMapper(ControlException.class)
public interface ExceptionDao {

  @SqlUpdate("""
      INSERT INTO control_exceptions (tenant_id, id, control_id, subject_id, reason, approved_by, expires_at, created_at)
      VALUES (:tenantId, :id, :controlId, :subjectId, :reason, :approvedBy, :expiresAt, :createdAt)
      """)
  void insert(@BindMethods ControlException exception);

  @SqlQuery("""
      SELECT tenant_id, id, control_id, subject_id, reason, approved_by, expires_at, created_at
      FROM control_exceptions
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<ControlException> list(@Bind("tenantId") String tenantId, @Bind("after") String after,
      @Bind("limit") int limit);
}
