package dev.vigil.app.web;

import dev.vigil.controls.model.Vendor;
import java.util.Map;

/** The vendors list; see {@link VendorsResource#list}. */
public final class VendorsPage extends PageView {

  private final Paged<Vendor> vendors;
  private final Map<String, Vendors.Review> reviews;
  private final Map<String, String> owners;
  private final int reviewMonths;

  VendorsPage(WebSession session, Paged<Vendor> vendors, Map<String, Vendors.Review> reviews,
      Map<String, String> owners, int reviewMonths) {
    super("vendors.ftlh", session, "Vendors", "vendors");
    this.vendors = vendors;
    this.reviews = reviews;
    this.owners = owners;
    this.reviewMonths = reviewMonths;
  }

  /** How many months a review stays current (VM-1's parameter). */
  public int getReviewMonths() {
    return reviewMonths;
  }

  public Paged<Vendor> getVendors() {
    return vendors;
  }

  public String owner(String id) {
    return id == null ? "—" : owners.getOrDefault(id, id);
  }

  public Vendors.Review review(Vendor v) {
    return reviews.get(v.id());
  }

  public String criticality(Vendor v) {
    return Labels.of(v.criticality().wire());
  }

  public Status status(Vendor v) {
    return Vendors.status(v);
  }
}
