package dev.vigil.collectors.monitoring;

import dev.vigil.controls.catalog.ControlDeclaration;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Evaluation;
import dev.vigil.controls.catalog.Fact;
import dev.vigil.controls.catalog.FindingSeverity;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.catalog.Parameter;
import dev.vigil.controls.catalog.Snapshot;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorStatus;
import java.time.Instant;
import java.util.List;

/**
 * A control that exists only in the tests, declared in this one file as
 * docs/adding-a-control.md says. {@link MonitoringContract} hands a catalog holding it to the
 * sweeper and the change triggers, and the run is recorded like any other: nothing else
 * names it.
 */
final class FewVendorsControl {

  static final Parameter<Integer> MOST_ACTIVE_VENDORS = Parameter.whole("testMostActiveVendors", 1, 1,
      "XT-1 (tests only): a tenant relies on at most this many active vendors");

  static final ControlDeclaration XT_1 = ControlDeclaration.control("XT-1", "Few active vendors", Family.VENDORS)
      .criteria("CC9.2").reads(Fact.VENDORS).triggeredBy("vendor.created", "vendor.updated")
      .parameters(MOST_ACTIVE_VENDORS)
      .procedure(p -> "Counted the tenant's active vendors and checked that there are at most "
          + p.get(MOST_ACTIVE_VENDORS) + ".")
      .severity(FindingSeverity.LOW)
      .remediation("Mark the vendors no longer used inactive (PATCH /api/v1/vendors/{id}).")
      .evaluates(FewVendorsControl::evaluate);

  private FewVendorsControl() {}

  private static Evaluation evaluate(Snapshot s, Instant now, ControlParameters p) {
    List<Vendor> active = s.vendors().stream().filter(v -> v.status() == VendorStatus.ACTIVE).toList();
    int most = p.get(MOST_ACTIVE_VENDORS);
    List<Deviation> out = active.size() <= most
        ? List.of()
        : List.of(new Deviation("vendors", active.size() + " active vendors; at most " + most));
    return Evaluation.of(active.size(), out);
  }
}
