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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
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

  private VendorControls() {}

  /** VM-1 to VM-3, in catalog order, with the thresholds of {@code p}. */
  public static List<Control> all(ControlParameters p) {
    return List.of(yearlyReview(p), soc2Reports(p), approvedVendors(p));
  }

  static Control yearlyReview(ControlParameters p) {
    int n = p.vendorReviewMonths();
    return RuleControl.of("VM-1", "Periodic vendor review", Family.VENDORS, List.of("CC9.2"),
        "Inspected every active vendor and checked that its latest security review took place within the " + n
            + " months before the run.",
        EnumSet.of(Fact.VENDORS, Fact.VENDOR_REVIEWS),
        (s, now) -> {
          Instant limit = Durations.monthsBefore(now, n);
          Map<String, List<VendorReview>> reviews = reviewsByVendor(s);
          List<Vendor> active = s.vendors().stream().filter(v -> v.status() == VendorStatus.ACTIVE).toList();
          List<Deviation> out = new ArrayList<>();
          for (Vendor v : active) {
            Optional<VendorReview> latest = reviews.getOrDefault(v.id(), List.of()).stream().max(LATEST);
            if (latest.isEmpty()) {
              out.add(new Deviation(v.id(), "vendor " + v.id() + " has never had a security review; limit " + n
                  + " months"));
            } else if (latest.get().reviewedAt().isBefore(limit)) {
              out.add(new Deviation(v.id(), "vendor " + v.id() + " was last reviewed " + latest.get().reviewedAt()
                  + " (review " + latest.get().id() + "), before " + limit + ", " + n + " months before the run"));
            }
          }
          return RuleControl.found(active.size(), out);
        });
  }

  static Control soc2Reports(ControlParameters p) {
    int n = p.soc2ReportMaxAgeMonths();
    return RuleControl.of("VM-2", "Current SOC 2 reports for critical vendors", Family.VENDORS, List.of("CC9.2"),
        "Inspected every active vendor of high or critical criticality and checked that the latest SOC 2 Type II"
            + " report period on file ended no more than " + n + " months before the run.",
        EnumSet.of(Fact.VENDORS, Fact.VENDOR_REVIEWS),
        (s, now) -> {
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
          return RuleControl.found(critical.size(), out);
        });
  }

  static Control approvedVendors(ControlParameters p) {
    int n = p.vendorReviewMonths();
    return RuleControl.of("VM-3", "Connections rely on approved vendors", Family.VENDORS, List.of("CC9.2"),
        "Inspected every connection and checked that its vendor is active and that the vendor's latest security"
            + " review within the " + n + " months before the run approved it (with or without conditions).",
        EnumSet.of(Fact.CONNECTIONS, Fact.VENDORS, Fact.VENDOR_REVIEWS),
        (s, now) -> {
          Instant limit = Durations.monthsBefore(now, n);
          Map<String, Vendor> vendors = RuleControl.byId(s.vendors(), Vendor::id);
          Map<String, List<VendorReview>> reviews = reviewsByVendor(s);
          List<Connection> connections = s.connections();
          List<Deviation> out = new ArrayList<>();
          for (Connection c : connections) {
            String problem = vendorProblem(vendors.get(c.vendorId()), c.vendorId(), reviews, limit, n);
            if (problem != null) out.add(new Deviation(c.id(), "connection " + c.id() + " relies on " + problem));
          }
          return RuleControl.found(connections.size(), out);
        });
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
