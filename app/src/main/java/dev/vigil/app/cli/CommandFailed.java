package dev.vigil.app.cli;

/**
 * A command that could not do its work, for a reason its message gives in full: printed
 * without a stack trace, and the process exits with {@link #exitCode} (see
 * {@code VigilApplication#onFatalError}).
 */
public final class CommandFailed extends Exception {

  private final int exitCode;

  public CommandFailed(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
