package dev.vigil.collectors.monitoring;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The objects a finding names, read by id within one tenant for {@link FindingSubjects}: each
 * row is an object's id, the name a person knows it by, the user who owns it, what it links
 * to and its weight, as far as the object has them.
 */
@RegisterConstructorMapper(SubjectDao.Row.class)
interface SubjectDao {

  /** One object; the columns it lacks are null. */
  record Row(String id, String name, String ownerId, String linkA, String linkB, String weight, Boolean active) {}

  @SqlQuery("SELECT id, NULL AS name, NULL AS owner_id, agent_id AS link_a, connection_id AS link_b, NULL AS weight,"
      + " NULL AS active FROM grants WHERE tenant_id = :tenantId AND id IN (<ids>)")
  List<Row> grants(@Bind("tenantId") String tenantId, @BindList("ids") Collection<String> ids);

  @SqlQuery("SELECT id, name, owner_id, NULL AS link_a, NULL AS link_b, NULL AS weight, NULL AS active"
      + " FROM agents WHERE tenant_id = :tenantId AND id IN (<ids>)")
  List<Row> agents(@Bind("tenantId") String tenantId, @BindList("ids") Collection<String> ids);

  @SqlQuery("SELECT id, name, NULL AS owner_id, vendor_id AS link_a, NULL AS link_b, NULL AS weight, NULL AS active"
      + " FROM connections WHERE tenant_id = :tenantId AND id IN (<ids>)")
  List<Row> connections(@Bind("tenantId") String tenantId, @BindList("ids") Collection<String> ids);

  @SqlQuery("SELECT id, name, owner_id, NULL AS link_a, NULL AS link_b, criticality AS weight, NULL AS active"
      + " FROM vendors WHERE tenant_id = :tenantId AND id IN (<ids>)")
  List<Row> vendors(@Bind("tenantId") String tenantId, @BindList("ids") Collection<String> ids);

  @SqlQuery("SELECT id, title AS name, commander_id AS owner_id, NULL AS link_a, NULL AS link_b, severity AS weight,"
      + " NULL AS active FROM incidents WHERE tenant_id = :tenantId AND id IN (<ids>)")
  List<Row> incidents(@Bind("tenantId") String tenantId, @BindList("ids") Collection<String> ids);

  @SqlQuery("SELECT id, name, NULL AS owner_id, NULL AS link_a, NULL AS link_b, NULL AS weight, active"
      + " FROM users WHERE tenant_id = :tenantId AND id IN (<ids>)")
  List<Row> users(@Bind("tenantId") String tenantId, @BindList("ids") Collection<String> ids);
}
