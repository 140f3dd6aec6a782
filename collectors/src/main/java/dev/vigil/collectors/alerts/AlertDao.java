package dev.vigil.collectors.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Alert deliveries. Updates apply only to a delivery that is still {@code PENDING} with the
 * attempts the caller saw, and return the rows changed: 0 means someone else settled it.
 */
@RegisterConstructorMapper(Delivery.class)
public interface AlertDao {

  String COLUMNS = "id, tenant_id, control_id, webhook, payload, status, attempts, last_status_code, "
      + "last_error, created_at, next_attempt_at, delivered_at";

  @SqlUpdate("""
      INSERT INTO alert_deliveries (id, tenant_id, control_id, webhook, payload, status, attempts,
        last_status_code, last_error, created_at, next_attempt_at, delivered_at)
      VALUES (:id, :tenantId, :controlId, :webhook, :payload, :status, :attempts,
        :lastStatusCode, :lastError, :createdAt, :nextAttemptAt, :deliveredAt)
      """)
  void insert(@BindMethods Delivery delivery);

  @SqlUpdate("""
      UPDATE alert_deliveries SET status = :status, attempts = :attempts, last_status_code = :code,
        last_error = :error, next_attempt_at = :nextAttemptAt, delivered_at = :deliveredAt
      WHERE tenant_id = :tenantId AND id = :id AND status = 'PENDING' AND attempts = :attempts - 1
      """)
  int recordAttempt(@Bind("tenantId") String tenantId, @Bind("id") String id,
      @Bind("status") Delivery.Status status, @Bind("attempts") int attempts, @Bind("code") Integer code,
      @Bind("error") String error, @Bind("nextAttemptAt") Instant nextAttemptAt,
      @Bind("deliveredAt") Instant deliveredAt);

  @SqlUpdate("""
      UPDATE alert_deliveries SET status = 'FAILED', last_error = :error, next_attempt_at = NULL
      WHERE tenant_id = :tenantId AND id = :id AND status = 'PENDING'
      """)
  int abandon(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("error") String error);

  /** Every pending delivery, of every tenant: what a restarted dispatcher resumes. */
  @SqlQuery("SELECT " + COLUMNS + " FROM alert_deliveries WHERE status = 'PENDING' ORDER BY next_attempt_at, id")
  List<Delivery> pending();

  @SqlQuery("SELECT " + COLUMNS + " FROM alert_deliveries WHERE tenant_id = :tenantId AND id = :id")
  Optional<Delivery> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM alert_deliveries
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<Delivery> list(@Bind("tenantId") String tenantId, @Bind("after") String after, @Bind("limit") int limit);
}
