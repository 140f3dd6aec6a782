package dev.vigil.evidence;

import java.util.List;
import java.util.Set;

/**
 * The names of the index's fields, the one place each is spelled. docs/api.md lists them for
 * query writers.
 */
public final class Fields {

  private Fields() {}

  /** Analysed text, searched when a query names no field. */
  public static final String BODY = "body";
  /** Analysed text: the document's one-line title. */
  public static final String TITLE = "title";

  // Exact-match fields.
  public static final String TYPE = "type";
  public static final String KIND = "kind";
  public static final String ACTOR = "actor";
  public static final String SUBJECT = "subject";
  public static final String ACTION = "action";
  public static final String RESOURCE = "resource";
  public static final String AGENT = "agent";
  public static final String AGENT_ID = "agentId";
  public static final String CONNECTION = "connection";
  public static final String CONNECTION_ID = "connectionId";
  public static final String VENDOR = "vendor";
  public static final String VENDOR_ID = "vendorId";
  public static final String GRANT_ID = "grantId";
  public static final String RUN_ID = "runId";
  public static final String CONTROL_ID = "controlId";
  public static final String FAMILY = "family";
  public static final String CRITERION = "criterion";
  public static final String STATUS = "status";
  public static final String TRIGGER = "trigger";
  public static final String SCOPE = "scope";
  public static final String SEVERITY = "severity";
  public static final String OWNER_ID = "ownerId";
  public static final String REQUESTED_BY = "requestedBy";
  public static final String APPROVED_BY = "approvedBy";
  public static final String APP = "app";
  public static final String CRITICALITY = "criticality";

  // Numeric fields; times are epoch milliseconds and queried as ISO-8601 dates or instants.
  public static final String TIME = "time";
  public static final String SEQ = "seq";
  public static final String OPENED = "opened";
  public static final String RESOLVED = "resolved";
  /** When a grant expires (none: it does not). */
  public static final String EXPIRES = "expires";
  /** A resolved finding's time to remediate, in whole hours. */
  public static final String OPEN_HOURS = "openHours";

  /** Every exact-match field. */
  public static final Set<String> TERMS = Set.of(TYPE, KIND, ACTOR, SUBJECT, ACTION, RESOURCE, AGENT, AGENT_ID,
      CONNECTION, CONNECTION_ID, VENDOR, VENDOR_ID, GRANT_ID, RUN_ID, CONTROL_ID, FAMILY, CRITERION, STATUS, TRIGGER,
      SCOPE, SEVERITY, OWNER_ID, REQUESTED_BY, APPROVED_BY, APP, CRITICALITY);
  /** The ids a document links to, by the name of the field holding them. */
  public static final List<String> REFS = List.of(AGENT_ID, CONNECTION_ID, VENDOR_ID, GRANT_ID, RUN_ID, CONTROL_ID);

  /** The numeric fields holding times. */
  public static final Set<String> TIMES = Set.of(TIME, OPENED, RESOLVED, EXPIRES);
  /** Every numeric field. */
  public static final Set<String> NUMBERS = Set.of(TIME, SEQ, OPENED, RESOLVED, EXPIRES, OPEN_HOURS);
  /** The fields every search counts values of, in the order the answer lists them. */
  public static final List<String> FACETS = List.of(TYPE, CONTROL_ID, FAMILY, CRITERION, STATUS, AGENT_ID,
      CONNECTION_ID);
}
