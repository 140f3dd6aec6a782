package dev.vigil.collectors.incidents;

import dev.vigil.controls.model.Incident;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Incidents. */
@RegisterConstructorMapper(Incident.class)
public interface IncidentDao {

  String COLUMNS = "tenant_id, id, title, severity, detected_at, affects_customer_data, description, "
      + "contained_at, customers_notified_at, resolved_at, postmortem_at, created_at, commander_id";

  @SqlUpdate("""
      INSERT INTO incidents (tenant_id, id, title, severity, detected_at, affects_customer_data,
        description, contained_at, customers_notified_at, resolved_at, postmortem_at, created_at, commander_id)
      VALUES (:tenantId, :id, :title, :severity, :detectedAt, :affectsCustomerData,
        :description, :containedAt, :customersNotifiedAt, :resolvedAt, :postmortemAt, :createdAt, :commanderId)
      """)
  void insert(@BindMethods Incident incident);

  @SqlUpdate("""
      UPDATE incidents SET contained_at = :containedAt, customers_notified_at = :customersNotifiedAt,
        resolved_at = :resolvedAt, postmortem_at = :postmortemAt
      WHERE tenant_id = :tenantId AND id = :id
      """)
  void updateTimeline(@BindMethods Incident incident);

  @SqlUpdate("UPDATE incidents SET title = :title, severity = :severity, commander_id = :commanderId "
      + "WHERE tenant_id = :tenantId AND id = :id")
  void correct(@BindMethods Incident incident);

  @SqlQuery("SELECT " + COLUMNS + " FROM incidents WHERE tenant_id = :tenantId AND id = :id")
  Optional<Incident> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT " + COLUMNS + " FROM incidents WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
  Optional<Incident> lock(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM incidents
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<Incident> list(@Bind("tenantId") String tenantId, @Bind("after") String after, @Bind("limit") int limit);
}
