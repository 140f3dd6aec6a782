package dev.vigil.app.cli;

import dev.vigil.app.VigilConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * A command of the {@code vigil} CLI that reads config.yml. A usage mistake
 * ({@link IllegalArgumentException}) or a {@link CommandFailed} prints one line, "name:
 * reason", not a stack trace; anything else prints its trace. A missing configuration file is
 * a usage mistake whose message shows how to call the command.
 */
abstract class VigilCommand extends ConfiguredCommand<VigilConfiguration> {

  private final String usage;

  /** @param usage how to call it, e.g. {@code "reindex [--tenant ID] config.yml"} */
  VigilCommand(String name, String description, String usage) {
    super(name, description);
    this.usage = usage;
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof CommandFailed || e instanceof IllegalArgumentException) {
      cli.getStdErr().println(getName() + ": " + e.getMessage());
    } else {
      super.onError(cli, namespace, e);
    }
  }

  /** Checks that a configuration file is named before Dropwizard tries to read one. */
  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    if (namespace.getString("file") == null) {
      throw new IllegalArgumentException("name the configuration file, e.g. " + usage);
    }
    super.run(bootstrap, namespace);
  }

  @Override
  protected final void run(Bootstrap<VigilConfiguration> bootstrap, Namespace namespace, VigilConfiguration config)
      throws Exception {
    run(namespace, config);
  }

  /** Does the command's work with {@code config} read from the named file. */
  protected abstract void run(Namespace namespace, VigilConfiguration config) throws Exception;
}
