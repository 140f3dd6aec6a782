package dev.vigil.collectors.vendors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.db.ClockSkew;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.ActiveUsers;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.ReviewOutcome;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorReview;
import dev.vigil.controls.model.VendorStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Records vendors and their security reviews. Thread-safe. */
public final class VendorStore {

  /** A change to a vendor; a null field is left as it is. */
  public record Change(String name, Criticality criticality, String services, String dataShared,
      VendorStatus status, String ownerId) {}

  /** A review to record. */
  public record NewReview(Instant reviewedAt, String reviewer, ReviewOutcome outcome,
      LocalDate soc2PeriodEnd, String notes) {}

  private final AuditedWrites writes;

  public VendorStore(AuditedWrites writes) {
    this.writes = writes;
  }

  /** Registers an active vendor that nobody owns yet. */
  public Vendor create(String tenantId, Actor actor, String name, Criticality criticality,
      String services, String dataShared) {
    return create(tenantId, actor, name, criticality, services, dataShared, null);
  }

  /** Registers an active vendor; {@code ownerId}, when given, must be an active user of the tenant. */
  public Vendor create(String tenantId, Actor actor, String name, Criticality criticality,
      String services, String dataShared, String ownerId) {
    Instant now = writes.clock().instant();
    Vendor vendor = new Vendor(tenantId, writes.ids().next("ven"), name.strip(), criticality, services,
        dataShared, VendorStatus.ACTIVE, now, now, ownerId);
    return writes.jdbi().inTransaction(h -> {
      if (ownerId != null) ActiveUsers.require(h, tenantId, ownerId, "ownerId", "own vendors");
      h.attach(VendorDao.class).insert(vendor);
      writes.audit().append(h, tenantId, actor, "vendor.created", vendor.id(), AuditData.object()
          .put("name", vendor.name()).put("criticality", criticality.wire())
          .put("services", services).put("dataShared", dataShared).put("ownerId", ownerId));
      return vendor;
    });
  }

  public Vendor update(String tenantId, Actor actor, String id, Change change) {
    return writes.jdbi().inTransaction(h -> {
      VendorDao dao = h.attach(VendorDao.class);
      Vendor before = dao.find(tenantId, id).orElseThrow(() -> Rejected.notFound("vendor", id));
      Vendor after = new Vendor(tenantId, id,
          change.name() == null ? before.name() : change.name().strip(),
          orElse(change.criticality(), before.criticality()),
          orElse(change.services(), before.services()),
          orElse(change.dataShared(), before.dataShared()),
          orElse(change.status(), before.status()),
          before.createdAt(), writes.clock().instant(),
          orElse(change.ownerId(), before.ownerId()));
      ObjectNode data = AuditData.object();
      if (!after.name().equals(before.name())) data.put("name", after.name());
      if (after.criticality() != before.criticality()) data.put("criticality", after.criticality().wire());
      if (!Objects.equals(after.services(), before.services())) data.put("services", after.services());
      if (!Objects.equals(after.dataShared(), before.dataShared())) data.put("dataShared", after.dataShared());
      if (after.status() != before.status()) data.put("status", after.status().wire());
      if (!Objects.equals(after.ownerId(), before.ownerId())) {
        ActiveUsers.require(h, tenantId, after.ownerId(), "ownerId", "own vendors");
        data.put("ownerId", after.ownerId());
      }
      if (data.isEmpty()) return before;
      dao.update(after);
      writes.audit().append(h, tenantId, actor, "vendor.updated", id, data);
      return after;
    });
  }

  public Optional<Vendor> find(String tenantId, String id) {
    return writes.jdbi().withExtension(VendorDao.class, dao -> dao.find(tenantId, id));
  }

  public Page<Vendor> list(String tenantId, String after, int limit) {
    return Page.of(writes.jdbi().withExtension(VendorDao.class, dao -> dao.list(tenantId, after, limit + 1)),
        limit, Vendor::id);
  }

  /** Records a review; it cannot lie in the future, nor its SOC 2 period end after it. */
  public VendorReview review(String tenantId, Actor actor, String vendorId, NewReview r) {
    Instant now = writes.clock().instant();
    if (r.reviewedAt().isAfter(ClockSkew.latest(now))) {
      throw Rejected.invalid("reviewedAt: a review cannot be recorded before it happens");
    }
    if (r.soc2PeriodEnd() != null
        && r.soc2PeriodEnd().isAfter(LocalDate.ofInstant(r.reviewedAt(), ZoneOffset.UTC))) {
      throw Rejected.invalid("soc2PeriodEnd: a review cannot examine a SOC 2 period that had not ended");
    }
    return writes.jdbi().inTransaction(h -> {
      VendorDao dao = h.attach(VendorDao.class);
      dao.find(tenantId, vendorId).orElseThrow(() -> Rejected.notFound("vendor", vendorId));
      VendorReview review = new VendorReview(tenantId, writes.ids().next("vrv"), vendorId, r.reviewedAt(),
          r.reviewer().strip(), r.outcome(), r.soc2PeriodEnd(), r.notes(), now);
      dao.insertReview(review);
      writes.audit().append(h, tenantId, actor, "vendor.reviewed", vendorId, AuditData.object()
          .put("reviewId", review.id()).put("reviewedAt", review.reviewedAt().toString())
          .put("reviewer", review.reviewer()).put("outcome", review.outcome().wire())
          .put("soc2PeriodEnd", r.soc2PeriodEnd() == null ? null : r.soc2PeriodEnd().toString()));
      return review;
    });
  }

  /**
   * A page of a vendor's reviews, newest first, after the review id {@code after} ("" for the
   * first page); empty for an unknown vendor.
   */
  public Page<VendorReview> reviews(String tenantId, String vendorId, String after, int limit) {
    return Page.of(writes.jdbi().withExtension(VendorDao.class, dao -> dao.reviews(tenantId, vendorId, after,
        limit + 1)), limit, VendorReview::id);
  }

  /**
   * The latest review of each of {@code vendorIds} (a page's worth) by vendor id, as VM-1 picks
   * it (the greatest reviewedAt, then the greatest id); a vendor never reviewed is absent.
   */
  public Map<String, VendorReview> latestReviews(String tenantId, Collection<String> vendorIds) {
    if (vendorIds.isEmpty()) return Map.of();
    return writes.jdbi().withExtension(VendorDao.class, dao -> dao.latestReviews(tenantId, vendorIds)).stream()
        .collect(Collectors.toMap(VendorReview::vendorId, Function.identity()));
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
