package dev.vigil.app.jobs;

import io.dropwizard.lifecycle.Managed;

/**
 * A service that has a start and a close, run as a Dropwizard managed object: started with the
 * server and closed when it stops. Services are stopped in the reverse of the order they were
 * registered in, so register a service after those it feeds.
 *
 * @param starter what starts the service
 * @param service what is closed when the server stops
 */
public record ManagedService(Starter starter, AutoCloseable service) implements Managed {

  /** What starts a service. */
  @FunctionalInterface
  public interface Starter {
    void start() throws Exception;
  }

  @Override
  public void start() throws Exception {
    starter.start();
  }

  @Override
  public void stop() throws Exception {
    service.close();
  }
}
