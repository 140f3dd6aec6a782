package dev.vigil.app.web;

import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorReview;
import java.util.Map;

/** A vendor's page; see {@link VendorsResource#vendor}. */
public final class VendorPage extends PageView {

  private final Vendor vendor;
  private final Vendors.Review review;
  private final Map<String, String> names;
  private final Paged<VendorReview> reviews;
  private final Paged<ConnectionStore.View> connections;
  private final OpenFindings findings;

  VendorPage(WebSession session, Vendor vendor, Vendors.Review review, Map<String, String> names,
      Paged<VendorReview> reviews, Paged<ConnectionStore.View> connections, OpenFindings findings) {
    super("vendor.ftlh", session, vendor.name(), "vendors");
    this.vendor = vendor;
    this.review = review;
    this.names = names;
    this.reviews = reviews;
    this.connections = connections;
    this.findings = findings;
  }

  public Vendor getVendor() {
    return vendor;
  }

  public Status getStatus() {
    return Vendors.status(vendor);
  }

  public String getCriticality() {
    return Labels.of(vendor.criticality().wire());
  }

  public String getOwner() {
    return vendor.ownerId() == null ? "—" : names.getOrDefault(vendor.ownerId(), vendor.ownerId());
  }

  public Vendors.Review getReview() {
    return review;
  }

  public Paged<VendorReview> getReviews() {
    return reviews;
  }

  public String outcome(VendorReview r) {
    return Labels.of(r.outcome().wire());
  }

  public Paged<ConnectionStore.View> getConnections() {
    return connections;
  }

  public Status connectionStatus(ConnectionStore.View c) {
    return Connections.status(c.connection());
  }

  public OpenFindings getFindings() {
    return findings;
  }
}
