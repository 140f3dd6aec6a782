package dev.vigil.collectors.alerts;

/**
 * What one attempt at a delivery came to.
 *
 * @param delivered whether the payload reached its destination
 * @param statusCode what an HTTP receiver answered, {@code null} for other destinations or no answer
 * @param remark why an attempt failed, or a note on a delivery; never a secret
 * @param retry whether a failed attempt is worth repeating: {@code false} for a refusal that
 *     another attempt would only repeat
 */
public record Outcome(boolean delivered, Integer statusCode, String remark, boolean retry) {

  public static Outcome delivered(Integer statusCode) {
    return new Outcome(true, statusCode, null, false);
  }

  /** Delivered, or made needless, with a {@code remark} that the row keeps. */
  public static Outcome delivered(String remark) {
    return new Outcome(true, null, remark, false);
  }

  /** Failed for now; the outbox retries it while attempts are left. */
  public static Outcome failed(Integer statusCode, String why) {
    return new Outcome(false, statusCode, why, true);
  }

  /** Refused for good: the delivery fails at once, whatever attempts are left. */
  public static Outcome refused(String why) {
    return new Outcome(false, null, why, false);
  }
}
