package dev.vigil.controls.catalog;

import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.ControlException;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.TenantKey;
import dev.vigil.controls.model.User;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorReview;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's facts at one moment, as a control reads them. Only the facts that were loaded
 * are present; reading another is a programming error and throws, so a control can never
 * pass on facts nobody loaded. Immutable.
 */
public final class Snapshot {

  private final String tenantId;
  private final Instant tenantCreatedAt;
  private final List<ControlException> exceptions;
  private final Map<Fact, Object> facts;

  private Snapshot(Builder b) {
    this.tenantId = b.tenantId;
    this.tenantCreatedAt = b.tenantCreatedAt;
    this.exceptions = List.copyOf(b.exceptions);
    this.facts = Map.copyOf(b.facts);
  }

  public static Builder builder(String tenantId, Instant tenantCreatedAt) {
    return new Builder(tenantId, tenantCreatedAt);
  }

  public String tenantId() {
    return tenantId;
  }

  public Instant tenantCreatedAt() {
    return tenantCreatedAt;
  }

  /** The tenant's control exceptions (approved, possibly expired), always loaded. */
  public List<ControlException> exceptions() {
    return exceptions;
  }

  public Set<Fact> loaded() {
    return facts.keySet();
  }

  public List<Agent> agents() {
    return get(Fact.AGENTS);
  }

  public List<User> users() {
    return get(Fact.USERS);
  }

  /** Grants active at the snapshot's instant: not revoked, not expired. */
  public List<Grant> activeGrants() {
    return get(Fact.ACTIVE_GRANTS);
  }

  /** Grant id to its latest use (an allowed decision or a covered action) within the AC-3 window. */
  public Map<String, Instant> grantLastUse() {
    return get(Fact.GRANT_LAST_USE);
  }

  /** Agent id to the time of its latest access review; agents never reviewed are absent. */
  public Map<String, Instant> lastAccessReviews() {
    return get(Fact.LAST_ACCESS_REVIEWS);
  }

  public Facts.Actions actions() {
    return get(Fact.ACTIONS);
  }

  public List<Facts.CredentialCheck> credentials() {
    return get(Fact.CREDENTIALS);
  }

  public List<TenantKey> keys() {
    return get(Fact.KEYS);
  }

  public List<Connection> connections() {
    return get(Fact.CONNECTIONS);
  }

  public Facts.Chain chain() {
    return get(Fact.CHAIN);
  }

  public Facts.Retention retention() {
    return get(Fact.RETENTION);
  }

  public Facts.Monitoring monitoring() {
    return get(Fact.MONITORING);
  }

  public List<Vendor> vendors() {
    return get(Fact.VENDORS);
  }

  /** Every review of every vendor of the tenant. */
  public List<VendorReview> vendorReviews() {
    return get(Fact.VENDOR_REVIEWS);
  }

  public List<Incident> incidents() {
    return get(Fact.INCIDENTS);
  }

  @SuppressWarnings("unchecked")
  private <T> T get(Fact fact) {
    Object value = facts.get(fact);
    if (value == null) throw new IllegalStateException("the snapshot was built without " + fact);
    return (T) value;
  }

  /** Collects facts; each setter records the fact as loaded. */
  public static final class Builder {
    private final String tenantId;
    private final Instant tenantCreatedAt;
    private List<ControlException> exceptions = List.of();
    private final Map<Fact, Object> facts = new EnumMap<>(Fact.class);

    private Builder(String tenantId, Instant tenantCreatedAt) {
      this.tenantId = tenantId;
      this.tenantCreatedAt = tenantCreatedAt;
    }

    public String tenantId() {
      return tenantId;
    }

    public Instant tenantCreatedAt() {
      return tenantCreatedAt;
    }

    public Builder exceptions(List<ControlException> v) {
      exceptions = v;
      return this;
    }

    public Builder agents(List<Agent> v) {
      return put(Fact.AGENTS, List.copyOf(v));
    }

    public Builder users(List<User> v) {
      return put(Fact.USERS, List.copyOf(v));
    }

    public Builder activeGrants(List<Grant> v) {
      return put(Fact.ACTIVE_GRANTS, List.copyOf(v));
    }

    public Builder grantLastUse(Map<String, Instant> v) {
      return put(Fact.GRANT_LAST_USE, Map.copyOf(v));
    }

    public Builder lastAccessReviews(Map<String, Instant> v) {
      return put(Fact.LAST_ACCESS_REVIEWS, Map.copyOf(v));
    }

    public Builder actions(Facts.Actions v) {
      return put(Fact.ACTIONS, v);
    }

    public Builder credentials(List<Facts.CredentialCheck> v) {
      return put(Fact.CREDENTIALS, List.copyOf(v));
    }

    public Builder keys(List<TenantKey> v) {
      return put(Fact.KEYS, List.copyOf(v));
    }

    public Builder connections(List<Connection> v) {
      return put(Fact.CONNECTIONS, List.copyOf(v));
    }

    public Builder chain(Facts.Chain v) {
      return put(Fact.CHAIN, v);
    }

    public Builder retention(Facts.Retention v) {
      return put(Fact.RETENTION, v);
    }

    public Builder monitoring(Facts.Monitoring v) {
      return put(Fact.MONITORING, v);
    }

    public Builder vendors(List<Vendor> v) {
      return put(Fact.VENDORS, List.copyOf(v));
    }

    public Builder vendorReviews(List<VendorReview> v) {
      return put(Fact.VENDOR_REVIEWS, List.copyOf(v));
    }

    public Builder incidents(List<Incident> v) {
      return put(Fact.INCIDENTS, List.copyOf(v));
    }

    private Builder put(Fact fact, Object value) {
      facts.put(fact, value);
      return this;
    }

    public Snapshot build() {
      return new Snapshot(this);
    }
  }
}
