package dev.vigil.controls.catalog;

/**
 * A kind of fact a control reads from a {@link Snapshot}. Loaders fetch only the facts the
 * controls being run need, so a change-triggered run of one control stays cheap.
 */
public enum Fact {
  AGENTS,
  USERS,
  ACTIVE_GRANTS,
  GRANT_LAST_USE,
  LAST_ACCESS_REVIEWS,
  ACTIONS,
  CREDENTIALS,
  KEYS,
  CONNECTIONS,
  CHAIN,
  RETENTION,
  MONITORING,
  VENDORS,
  VENDOR_REVIEWS,
  INCIDENTS
}
