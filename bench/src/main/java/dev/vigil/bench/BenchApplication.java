package dev.vigil.bench;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The bench jar's entry point: {@code java -jar vigil-bench.jar bench [flags] config.yml}. A
 * Dropwizard application with the bench commands alone ({@code bench}, {@code bench-index},
 * {@code bench-report}, {@code bench-pages}), so its usage and help read as
 * the service's commands do; it serves nothing itself (the bench starts the service in a
 * process of its own, from this jar).
 */
public final class BenchApplication extends Application<Configuration> {

  public static void main(String[] args) throws Exception {
    new BenchApplication().run(args);
  }

  @Override
  protected void addDefaultCommands(Bootstrap<Configuration> bootstrap) {
    // No server or check: this jar only benchmarks.
  }

  @Override
  public void initialize(Bootstrap<Configuration> bootstrap) {
    bootstrap.addCommand(new BenchCommand());
    bootstrap.addCommand(new IndexBenchCommand());
    bootstrap.addCommand(new ReportBenchCommand());
    bootstrap.addCommand(new AuditBenchCommand());
    bootstrap.addCommand(new PageBenchCommand());
  }

  /**
   * Never called: Dropwizard calls {@code run} only from its {@code server} and {@code check}
   * commands, which this jar does not register. It throws rather than start an empty service
   * if that ever changes.
   */
  @Override
  public void run(Configuration configuration, Environment environment) {
    throw new UnsupportedOperationException("vigil-bench serves nothing; run its bench command");
  }
}
