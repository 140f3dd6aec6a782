package dev.vigil.collectors.sinks;

import dev.vigil.collectors.alerts.Delivery;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Checkpoint deliveries. Updates apply only to a delivery that is still {@code PENDING} with
 * the attempts the caller saw, and return the rows changed: 0 means someone else settled it.
 */
@RegisterConstructorMapper(CheckpointDelivery.class)
interface CheckpointDeliveryDao {

  String COLUMNS = "id, tenant_id, size, sink, payload, status, attempts, last_status_code, last_error, "
      + "created_at, next_attempt_at, delivered_at";

  @SqlUpdate("""
      INSERT INTO checkpoint_deliveries (id, tenant_id, size, sink, payload, status, attempts,
        last_status_code, last_error, created_at, next_attempt_at, delivered_at)
      VALUES (:id, :tenantId, :size, :sink, :payload, :status, :attempts,
        :lastStatusCode, :lastError, :createdAt, :nextAttemptAt, :deliveredAt)
      """)
  void insert(@BindMethods CheckpointDelivery delivery);

  @SqlUpdate("""
      UPDATE checkpoint_deliveries SET status = :status, attempts = :attempts, last_status_code = :code,
        last_error = :error, next_attempt_at = :nextAttemptAt, delivered_at = :deliveredAt
      WHERE tenant_id = :tenantId AND id = :id AND status = 'PENDING' AND attempts = :attempts - 1
      """)
  int recordAttempt(@Bind("tenantId") String tenantId, @Bind("id") String id,
      @Bind("status") Delivery.Status status, @Bind("attempts") int attempts, @Bind("code") Integer code,
      @Bind("error") String error, @Bind("nextAttemptAt") Instant nextAttemptAt,
      @Bind("deliveredAt") Instant deliveredAt);

  @SqlUpdate("""
      UPDATE checkpoint_deliveries SET status = 'FAILED', last_error = :error, next_attempt_at = NULL
      WHERE tenant_id = :tenantId AND id = :id AND status = 'PENDING'
      """)
  int abandon(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("error") String error);

  /** Every pending delivery, of every tenant: what a restarted publisher resumes. */
  @SqlQuery("SELECT " + COLUMNS + " FROM checkpoint_deliveries WHERE status = 'PENDING' "
      + "ORDER BY next_attempt_at, id")
  List<CheckpointDelivery> pending();

  /**
   * Deliveries that failed for good since {@code since}, and pending ones that have failed at
   * least once: what an operator should look at, newest first.
   */
  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM checkpoint_deliveries
      WHERE (status = 'FAILED' AND created_at >= :since) OR (status = 'PENDING' AND attempts > 0)
      ORDER BY created_at DESC, id DESC
      LIMIT :limit
      """)
  List<CheckpointDelivery> troubled(@Bind("since") Instant since, @Bind("limit") int limit);

  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM checkpoint_deliveries
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<CheckpointDelivery> list(@Bind("tenantId") String tenantId, @Bind("after") String after,
      @Bind("limit") int limit);
}
