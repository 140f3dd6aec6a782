package dev.vigil.controls.catalog;

/**
 * What the members of a control's population are, as its declaration states it
 * ({@link ControlDeclaration.Builder#examines}): the kind of object each member id (and each
 * deviation's subject id) names. The one place that says it: reports name populations by it,
 * and an exception's subject must be an object of this kind in the tenant. Controls that
 * count things that are not objects (chain entries, retained entries, monitoring runs,
 * reported actions) declare none.
 */
public enum Population {
  /** Grant ids (AC-1 to AC-4). */
  GRANTS("grants", "grant"),
  /** Agent ids (AC-5). */
  AGENTS("agents", "agent"),
  /** The ids of the connections whose stored credential is examined (EN-1). */
  CREDENTIALS("credentials", "connection"),
  /** Tenant key ids (EN-2). */
  KEYS("keys", "key"),
  /** Connection ids (EN-3, VM-3). */
  CONNECTIONS("connections", "connection"),
  /** Vendor ids (VM-1, VM-2). */
  VENDORS("vendors", "vendor"),
  /** Incident ids (IR-1 to IR-3). */
  INCIDENTS("incidents", "incident");

  private final String wire;
  private final String member;

  Population(String wire, String member) {
    this.wire = wire;
    this.member = member;
  }

  /** The population's name in reports: "grants", "connections" ... */
  public String wire() {
    return wire;
  }

  /** What one member id names: "grant", "connection" ... */
  public String member() {
    return member;
  }
}
