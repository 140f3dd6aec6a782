package dev.vigil.controls.catalog;

/**
 * What a declaration names in {@link ControlDeclaration.Builder#triggeredBy}: the kind of an
 * audit entry (every change is audited: {@code grant.created}, {@code vendor.reviewed} ...),
 * or one of the moments below, which the change triggers derive from entries. Besides these,
 * approving an exception to a control re-runs that control, then and when the exception lapses,
 * and so does revoking it.
 */
public final class TriggerKinds {

  /** A reported action (an {@code event} entry) that no grant covered at its moment. */
  public static final String ACTION_OUTSIDE_GRANTS = "event.outside_grants";

  /** The moment a grant made with an expiry lapses (its {@code grant.created} entry says when). */
  public static final String GRANT_EXPIRED = "grant.expired";

  private TriggerKinds() {}
}
