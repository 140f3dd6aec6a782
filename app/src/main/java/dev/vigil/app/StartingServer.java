package dev.vigil.app;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import java.util.function.BooleanSupplier;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * Dropwizard's {@code server} command, less its second stack trace: when the server fails to
 * start, Dropwizard logs the failure with its stack trace and then printed the same trace again;
 * the log's copy is kept for the operator's log files, and the application then says why in one
 * line ({@link StartupNotice}). A failure before the server starts is printed as before.
 */
final class StartingServer extends ServerCommand<VigilConfiguration> {

  private final BooleanSupplier explained;

  StartingServer(VigilApplication application, BooleanSupplier explained) {
    super(application);
    this.explained = explained;
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    if (!explained.getAsBoolean()) super.onError(cli, namespace, e);
  }
}
