package dev.vigil.app.web;

import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.VendorControls;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorReview;
import dev.vigil.controls.model.VendorStatus;
import java.time.Instant;

/**
 * How the pages show a vendor: its status in words, never in colour alone, and where its
 * reviews stand as VM-1 judges them (the rule is the control's: {@link VendorControls}).
 */
public final class Vendors {

  private Vendors() {}

  /** Where a vendor's reviews stand: its latest review (null: never reviewed), when the next is due, in words. */
  public record Review(VendorReview latest, Instant due, Status status) {}

  static Review review(Vendor v, VendorReview latest, Instant now, ControlParameters parameters) {
    Instant due = latest == null ? null : VendorControls.reviewDue(latest.reviewedAt(), parameters);
    Status status;
    if (v.status() == VendorStatus.INACTIVE) {
      status = new Status("na", "Inactive: no review needed");
    } else if (latest == null) {
      status = new Status("failing", "Never reviewed");
    } else if (VendorControls.reviewOverdue(latest.reviewedAt(), now, parameters)) {
      status = new Status("failing", "Overdue");
    } else {
      status = new Status("passing", "Current");
    }
    return new Review(latest, due, status);
  }

  static Status status(Vendor v) {
    return switch (v.status()) {
      case ACTIVE -> new Status("passing", "Active");
      case INACTIVE -> new Status("na", "Inactive");
    };
  }
}
