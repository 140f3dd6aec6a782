package dev.vigil.collectors.vendors;

import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorReview;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Vendors and vendor reviews. */
@RegisterConstructorMapper(Vendor.class)
@RegisterConstructorMapper(VendorReview.class)
public interface VendorDao {

  String COLUMNS =
      "tenant_id, id, name, criticality, services, data_shared, status, created_at, updated_at, owner_id";
  String REVIEW_COLUMNS =
      "tenant_id, id, vendor_id, reviewed_at, reviewer, outcome, soc2_period_end, notes, created_at";

  @SqlUpdate("""
      INSERT INTO vendors (tenant_id, id, name, criticality, services, data_shared, status, created_at, updated_at,
        owner_id)
      VALUES (:tenantId, :id, :name, :criticality, :services, :dataShared, :status, :createdAt, :updatedAt,
        :ownerId)
      """)
  void insert(@BindMethods Vendor vendor);

  @SqlUpdate("""
      UPDATE vendors SET name = :name, criticality = :criticality, services = :services,
        data_shared = :dataShared, status = :status, updated_at = :updatedAt, owner_id = :ownerId
      WHERE tenant_id = :tenantId AND id = :id
      """)
  void update(@BindMethods Vendor vendor);

  @SqlQuery("SELECT " + COLUMNS + " FROM vendors WHERE tenant_id = :tenantId AND id = :id")
  Optional<Vendor> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM vendors
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<Vendor> list(@Bind("tenantId") String tenantId, @Bind("after") String after, @Bind("limit") int limit);

  @SqlUpdate("""
      INSERT INTO vendor_reviews (tenant_id, id, vendor_id, reviewed_at, reviewer, outcome, soc2_period_end, notes, created_at)
      VALUES (:tenantId, :id, :vendorId, :reviewedAt, :reviewer, :outcome, :soc2PeriodEnd, :notes, :createdAt)
      """)
  void insertReview(@BindMethods VendorReview review);

  /**
   * The vendor's reviews newest first, after the review {@code :after} in that order (all when
   * it is ""); a review id that is not the vendor's gives no rows.
   */
  @SqlQuery("SELECT " + REVIEW_COLUMNS + " " + """
      FROM vendor_reviews r
      WHERE tenant_id = :tenantId AND vendor_id = :vendorId
        AND (:after = '' OR EXISTS (SELECT 1 FROM vendor_reviews c
          WHERE c.tenant_id = :tenantId AND c.vendor_id = :vendorId AND c.id = :after
            AND (r.reviewed_at < c.reviewed_at OR (r.reviewed_at = c.reviewed_at AND r.id < c.id))))
      ORDER BY reviewed_at DESC, id DESC
      LIMIT :limit
      """)
  List<VendorReview> reviews(@Bind("tenantId") String tenantId, @Bind("vendorId") String vendorId,
      @Bind("after") String after, @Bind("limit") int limit);

  /**
   * The latest review of each of {@code vendorIds} (a page of vendors): the one no other review
   * of its vendor follows, by reviewed_at and then id, as VM-1 picks it. A vendor never reviewed
   * has no row. Read by the vendor index, one query for the page.
   */
  @SqlQuery("SELECT " + REVIEW_COLUMNS + " " + """
      FROM vendor_reviews r
      WHERE tenant_id = :tenantId AND vendor_id IN (<vendorIds>)
        AND NOT EXISTS (SELECT 1 FROM vendor_reviews n
          WHERE n.tenant_id = r.tenant_id AND n.vendor_id = r.vendor_id
            AND (n.reviewed_at > r.reviewed_at OR (n.reviewed_at = r.reviewed_at AND n.id > r.id)))
      """)
  List<VendorReview> latestReviews(@Bind("tenantId") String tenantId,
      @BindList("vendorIds") Collection<String> vendorIds);
}
