package dev.vigil.controls.catalog;

import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.Criticality;
import dev.vigil.controls.model.ReviewOutcome;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorReview;
import dev.vigil.controls.model.VendorStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The vendor controls VM-1 to VM-3: active vendors are reviewed, critical ones hold a recent
 * SOC 2 Type II report, and connections rely only on approved vendors. Months are calendar
 * months in UTC. Stateless.
 */
public final class VendorControls {

  /** A vendor's latest review: the greatest reviewedAt, then the greatest id. */
  private static final Comparator<VendorReview> LATEST =
      Comparator.comparing(VendorReview::reviewedAt).thenComparing(VendorReview::id);


  private static final String CREATED = "vendor.created";
  private static final String UPDATED = "vendor.updated";
  private static final String REVIEWED = "vendor.reviewed";

  private VendorControls() {}

  /** VM-1 to VM-3, in catalog order. */
  public static List<ControlDeclaration> all() {
    return List.of(VM_1, VM_2, VM_3);
  }

  public static final Parameter<Integer> VENDOR_REVIEW_MONTHS = Parameter.whole("vendorReviewMonths", 12, 1,
      "VM-1, VM-3: a vendor's security review is current for this many months");

  static final ControlDeclaration VM_1 = ControlDeclaration.control("VM-1", "Periodic vendor review", Family.VENDORS)
      .criteria("CC9.2").reads(Fact.VENDORS, Fact.VENDOR_REVIEWS).examines(Population.VENDORS)
      .triggeredBy(CREATED, UPDATED, REVIEWED)
      .parameters(VENDOR_REVIEW_MONTHS)
      .procedure(p -> "Inspected every active vendor and checked that its latest security review took place within"
          + " the " + p.get(VENDOR_REVIEW_MONTHS) + " months before the run.")
      .severity(FindingSeverity.MEDIUM)
      .remediation("Review the vendor's security and record it (POST /api/v1/vendors/{id}/reviews), or mark the "
          + "vendor inactive if it is no longer used (PATCH /api/v1/vendors/{id} with status inactive).")
      .notApplicableWhen("no active vendor")
      .evaluates(VendorControls::yearlyReview);

  private static Evaluation yearlyReview(Snapshot s, Instant now, ControlParameters p) {
    int n = p.get(VENDOR_REVIEW_MONTHS);
    Instant limit = Durations.monthsBefore(now, n);
    Map<String, List<VendorReview>> reviews = reviewsByVendor(s);
    List<Vendor> active = s.vendors().stream().filter(v -> v.status() == VendorStatus.ACTIVE).toList();
    List<Deviation> out = new ArrayList<>();
    for (Vendor v : active) {
      Optional<VendorReview> latest = reviews.getOrDefault(v.id(), List.of()).stream().max(LATEST);
      if (latest.isEmpty()) {
        out.add(new Deviation(v.id(), "vendor " + v.id() + " has never had a security review; limit " + n
            + " months"));
      } else if (reviewOverdue(latest.get().reviewedAt(), now, p)) {
        out.add(new Deviation(v.id(), "vendor " + v.id() + " was last reviewed " + latest.get().reviewedAt()
            + " (review " + latest.get().id() + "), before " + limit + ", " + n + " months before the run"));
      }
    }
    return RuleControl.found(active, Vendor::id, out);
  }

  /**
   * Whether a vendor whose latest review took place at {@code reviewedAt} is overdue for its
   * next at {@code now}: the review is older than {@link #VENDOR_REVIEW_MONTHS} calendar months
   * (UTC), which VM-1 fails.
   */
  public static boolean reviewOverdue(Instant reviewedAt, Instant now, ControlParameters p) {
    return reviewedAt.isBefore(Durations.monthsBefore(now, p.get(VENDOR_REVIEW_MONTHS)));
  }

  /**
   * When the next review of a vendor last reviewed at {@code reviewedAt} is due: the review
   * months later in UTC. {@link #reviewOverdue} holds once it has passed; for a review on a day
   * the month it falls due in lacks (the 31st), due on that month's last day, from the start of
   * the next day.
   */
  public static Instant reviewDue(Instant reviewedAt, ControlParameters p) {
    return ZonedDateTime.ofInstant(reviewedAt, ZoneOffset.UTC).plusMonths(p.get(VENDOR_REVIEW_MONTHS)).toInstant();
  }

  public static final Parameter<Integer> SOC2_REPORT_MAX_AGE_MONTHS = Parameter.whole("soc2ReportMaxAgeMonths", 18, 1,
      "VM-2: a critical vendor's SOC 2 Type II period may have ended at most this many months ago");

  static final ControlDeclaration VM_2 = ControlDeclaration.control("VM-2",
      "Current SOC 2 reports for critical vendors", Family.VENDORS).criteria("CC9.2")
      .reads(Fact.VENDORS, Fact.VENDOR_REVIEWS).examines(Population.VENDORS)
      .triggeredBy(CREATED, UPDATED, REVIEWED)
      .parameters(SOC2_REPORT_MAX_AGE_MONTHS)
      .procedure(p -> "Inspected every active vendor of high or critical criticality and checked that the latest SOC 2"
          + " Type II report period on file ended no more than " + p.get(SOC2_REPORT_MAX_AGE_MONTHS)
          + " months before the run.")
      .severity(FindingSeverity.HIGH)
      .remediation("Obtain the vendor's current SOC 2 Type II report and record its period end with a review (POST "
          + "/api/v1/vendors/{id}/reviews with soc2PeriodEnd), or mark the vendor inactive (PATCH "
          + "/api/v1/vendors/{id}).")
      .notApplicableWhen("no active vendor of high or critical criticality")
      .evaluates(VendorControls::soc2Reports);

  private static Evaluation soc2Reports(Snapshot s, Instant now, ControlParameters p) {
    int n = p.get(SOC2_REPORT_MAX_AGE_MONTHS);
    LocalDate limit = LocalDate.ofInstant(now, ZoneOffset.UTC).minusMonths(n);
    Map<String, List<VendorReview>> reviews = reviewsByVendor(s);
    List<Vendor> critical = s.vendors().stream()
        .filter(v -> v.status() == VendorStatus.ACTIVE)
        .filter(v -> v.criticality() == Criticality.HIGH || v.criticality() == Criticality.CRITICAL)
        .toList();
    List<Deviation> out = new ArrayList<>();
    for (Vendor v : critical) {
      Optional<LocalDate> periodEnd = reviews.getOrDefault(v.id(), List.of()).stream()
          .map(VendorReview::soc2PeriodEnd).filter(Objects::nonNull).max(Comparator.naturalOrder());
      String who = v.criticality().wire() + " vendor " + v.id();
      if (periodEnd.isEmpty()) {
        out.add(new Deviation(v.id(), who + " has no SOC 2 Type II report period on file; limit " + n
            + " months"));
      } else if (periodEnd.get().isBefore(limit)) {
        out.add(new Deviation(v.id(), who + ": the latest SOC 2 Type II report period ended "
            + periodEnd.get() + ", before " + limit + ", " + n + " months before the run"));
      }
    }
    return RuleControl.found(critical, Vendor::id, out);
  }

  static final ControlDeclaration VM_3 = ControlDeclaration.control("VM-3", "Connections rely on approved vendors",
      Family.VENDORS).criteria("CC9.2").reads(Fact.CONNECTIONS, Fact.VENDORS, Fact.VENDOR_REVIEWS)
      .examines(Population.CONNECTIONS)
      .triggeredBy("connection.created", "connection.updated", "connection.retired", CREATED, UPDATED, REVIEWED)
      .parameters(VENDOR_REVIEW_MONTHS)
      .procedure(p -> "Inspected every connection not retired and checked that its vendor is active and that the vendor's latest"
          + " security review within the " + p.get(VENDOR_REVIEW_MONTHS) + " months before the run approved it (with"
          + " or without conditions).")
      .severity(FindingSeverity.HIGH)
      .remediation("Review and approve the vendor (POST /api/v1/vendors/{id}/reviews), move the connection to an "
          + "approved vendor (PATCH /api/v1/connections/{id} with vendorId), or retire the connection (POST "
          + "/api/v1/connections/{id}/retire).")
      .notApplicableWhen("no connection that is not retired")
      .evaluates(VendorControls::approvedVendors);

  private static Evaluation approvedVendors(Snapshot s, Instant now, ControlParameters p) {
    int n = p.get(VENDOR_REVIEW_MONTHS);
    Instant limit = Durations.monthsBefore(now, n);
    Map<String, Vendor> vendors = RuleControl.byId(s.vendors(), Vendor::id);
    Map<String, List<VendorReview>> reviews = reviewsByVendor(s);
    List<Connection> connections = s.connections();
    List<Deviation> out = new ArrayList<>();
    for (Connection c : connections) {
      String problem = vendorProblem(vendors.get(c.vendorId()), c.vendorId(), reviews, limit, n);
      if (problem != null) out.add(new Deviation(c.id(), "connection " + c.id() + " relies on " + problem));
    }
    return RuleControl.found(connections, Connection::id, out);
  }

  private static String vendorProblem(Vendor vendor, String vendorId, Map<String, List<VendorReview>> reviews,
      Instant limit, int months) {
    if (vendor == null) return vendorId == null ? "no vendor" : "unknown vendor " + vendorId;
    if (vendor.status() != VendorStatus.ACTIVE) return "vendor " + vendorId + ", which is inactive";
    Optional<VendorReview> latest = reviews.getOrDefault(vendorId, List.of()).stream()
        .filter(r -> !r.reviewedAt().isBefore(limit))
        .max(LATEST);
    if (latest.isEmpty()) {
      return "vendor " + vendorId + ", which has no security review since " + limit + " (" + months + " months)";
    }
    if (latest.get().outcome() == ReviewOutcome.APPROVED
        || latest.get().outcome() == ReviewOutcome.APPROVED_WITH_CONDITIONS) {
      return null;
    }
    return "vendor " + vendorId + ", whose latest review " + latest.get().id() + " of "
        + latest.get().reviewedAt() + " " + (latest.get().outcome() == null ? "records no outcome"
            : "is " + latest.get().outcome().wire().replace('_', ' '));
  }

  private static Map<String, List<VendorReview>> reviewsByVendor(Snapshot s) {
    return s.vendorReviews().stream()
        .filter(r -> r.vendorId() != null && r.reviewedAt() != null)
        .collect(Collectors.groupingBy(VendorReview::vendorId));
  }
}
