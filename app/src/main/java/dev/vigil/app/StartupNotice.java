package dev.vigil.app;

import dev.vigil.app.demo.DemoSeeder;
import java.io.PrintStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What the server tells the person who started it, once the outcome is known. The demo's
 * welcome (its admin token and password) is printed only when the ports are bound: printed
 * before a failed start, it would scroll away with the stack trace and the token would be lost.
 * A failed start names the port that could not be bound and the variable that sets it, and
 * says how to mint a token for a demo tenant that was seeded but never shown: kept here until
 * the server command prints it as its last words, below the log's stack trace.
 */
final class StartupNotice implements LifeCycle.Listener {

  private static final Pattern PORT = Pattern.compile(":(\\d{1,5})\\b");

  private final int httpPort;
  private final int adminPort;
  private final PrintStream out;
  private volatile Optional<DemoSeeder.Welcome> welcome = Optional.empty();
  private volatile Optional<Failure> failure = Optional.empty();

  /** Why the server did not start: the cause, and what to tell its starter. */
  record Failure(Throwable cause, String text) {}

  StartupNotice(int httpPort, int adminPort, PrintStream out) {
    this.httpPort = httpPort;
    this.adminPort = adminPort;
    this.out = out;
  }

  void demoSeeded(DemoSeeder.Welcome w) {
    welcome = Optional.of(w);
  }

  @Override
  public void lifeCycleStarted(LifeCycle event) {
    welcome.ifPresent(w -> out.println(w.text()));
  }

  /** Keeps the first failure: stopping the server after it can fail too, and would name another reason. */
  @Override
  public void lifeCycleFailure(LifeCycle event, Throwable cause) {
    if (failure.isPresent()) return;
    StringBuilder text = new StringBuilder("\nVigil could not start: ").append(reason(cause));
    welcome.ifPresent(w -> text.append("\nThe demo tenant ").append(w.tenantId())
        .append(" was created, but its admin token was not shown.\nOnce the server is up, mint one with:")
        .append("\n  java -jar app/target/vigil.jar token-create --tenant ").append(w.tenantId())
        .append(" --role admin --name admin config.yml"));
    failure = Optional.of(new Failure(cause, text.toString()));
  }

  /** Why the server did not start, once it has failed to. */
  Optional<Failure> failure() {
    return failure;
  }

  /** The port a failed bind names, with the variable that sets it, or the cause's own words. */
  String reason(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (!message.contains("bind")) continue;
      Matcher m = PORT.matcher(message);
      int port = -1;
      while (m.find()) port = Integer.parseInt(m.group(1));
      if (port == httpPort) return "port " + port + " (the API) is in use; set VIGIL_HTTP_PORT to another";
      if (port == adminPort) return "port " + port + " (the admin port) is in use; set VIGIL_ADMIN_PORT to another";
      return message + "; the ports are set by VIGIL_HTTP_PORT and VIGIL_ADMIN_PORT";
    }
    return String.valueOf(cause);
  }
}
