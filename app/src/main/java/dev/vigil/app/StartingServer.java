package dev.vigil.app;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import java.util.Optional;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * Dropwizard's {@code server} command, which says last why the server did not start. When the
 * server fails to start with an exception, Dropwizard logs it with its stack trace and then
 * printed the same trace again; the log's copy is kept for the operator's log files, and the
 * reason ({@link StartupNotice}) is printed below it in place of the second. Any other failure
 * (an error, which Dropwizard does not log, or one before the server starts) is printed as
 * before, with the reason after it when there is one.
 */
final class StartingServer extends ServerCommand<VigilConfiguration> {

  private final Supplier<Optional<StartupNotice>> notice;

  StartingServer(VigilApplication application, Supplier<Optional<StartupNotice>> notice) {
    super(application);
    this.notice = notice;
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    Optional<StartupNotice.Failure> failure = notice.get().flatMap(StartupNotice::failure);
    boolean logged = e instanceof Exception && failure.isPresent() && failure.get().cause() == e;
    if (!logged) super.onError(cli, namespace, e);
    failure.ifPresent(f -> {
      cli.getStdOut().println(f.text());
      cli.getStdOut().flush();
    });
  }
}
