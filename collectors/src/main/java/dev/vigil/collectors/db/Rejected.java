package dev.vigil.collectors.db;

/**
 * A request that cannot be applied as asked, and why. Thrown inside a transaction, it rolls
 * the whole change back. It names a reason in the domain's terms; the service layer decides
 * what each reason answers over HTTP, so nothing below it knows about status codes.
 */
public final class Rejected extends RuntimeException {

  /** Why a request is refused. */
  public enum Reason {
    /**
     * The input cannot be read as the type it should have: not JSON, a JSON value of the
     * wrong type, an unknown field, a time, number or cursor that does not parse.
     */
    MALFORMED,
    /**
     * The input reads well but breaks a rule: a missing or over-long field, a value outside
     * its allowed set or range, a reference to nothing in the tenant, times in an impossible
     * order.
     */
    INVALID,
    /** The caller is known, but may not do this to this object. */
    FORBIDDEN,
    /** The object addressed does not exist in the caller's tenant. */
    NOT_FOUND,
    /** The object's current state does not allow the change. */
    CONFLICT,
    /** This node does not do this, by its configuration; another node of the service does. */
    UNAVAILABLE
  }

  private final Reason reason;

  public Rejected(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static Rejected malformed(String message) {
    return new Rejected(Reason.MALFORMED, message);
  }

  public static Rejected invalid(String message) {
    return new Rejected(Reason.INVALID, message);
  }

  public static Rejected forbidden(String message) {
    return new Rejected(Reason.FORBIDDEN, message);
  }

  public static Rejected notFound(String what, String id) {
    return new Rejected(Reason.NOT_FOUND, what + " " + id + " not found");
  }

  public static Rejected conflict(String message) {
    return new Rejected(Reason.CONFLICT, message);
  }

  public static Rejected unavailable(String message) {
    return new Rejected(Reason.UNAVAILABLE, message);
  }
}
