package dev.vigil.reports.load;

/**
 * The period's audit chain did not verify, or the checkpoint at its end does not match it: no
 * report may claim verification, so none is produced. The message names every sequence
 * number that failed and why.
 */
public final class ChainNotVerified extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ChainNotVerified(String message) {
    super(message);
  }
}
