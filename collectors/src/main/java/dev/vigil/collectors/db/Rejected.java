package dev.vigil.collectors.db;

/**
 * A request that cannot be applied as asked. Thrown inside a transaction, it rolls the whole
 * change back; the service layer maps {@link Reason} to an HTTP status.
 */
public final class Rejected extends RuntimeException {

  /** Why, and the HTTP status it answers with. */
  public enum Reason {
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    INVALID(422);

    public final int status;

    Reason(int status) {
      this.status = status;
    }
  }

  private final Reason reason;

  public Rejected(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static Rejected notFound(String what, String id) {
    return new Rejected(Reason.NOT_FOUND, what + " " + id + " not found");
  }

  public static Rejected conflict(String message) {
    return new Rejected(Reason.CONFLICT, message);
  }

  public static Rejected forbidden(String message) {
    return new Rejected(Reason.FORBIDDEN, message);
  }

  public static Rejected invalid(String message) {
    return new Rejected(Reason.INVALID, message);
  }
}
