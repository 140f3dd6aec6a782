package dev.vigil.app.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleConsumer;

/**
 * A fraction done, for a person: on a terminal a bar rewritten in place at most every 200 ms;
 * into a file or a pipe a line at each tenth. {@link #finish} ends the line. Not thread-safe.
 */
final class ProgressBar implements DoubleConsumer {

  private static final int WIDTH = 30;
  private static final Duration ON_TERMINAL = Duration.ofMillis(200);

  private final PrintStream out;
  private final boolean terminal;
  private final Clock clock;
  private final Instant started;
  private Instant printed;
  private int tenths = -1;

  ProgressBar(PrintStream out, boolean terminal, Clock clock) {
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
    this.started = clock.instant();
  }

  @Override
  public void accept(double done) {
    double d = Math.max(0, Math.min(1, done));
    Instant now = clock.instant();
    if (terminal) {
      if (printed != null && now.isBefore(printed.plus(ON_TERMINAL)) && d < 1) return;
      out.print("\r" + line(d, now));
    } else {
      int t = (int) Math.floor(d * 10);
      if (t == tenths) return;
      tenths = t;
      out.println(line(d, now));
    }
    out.flush();
    printed = now;
  }

  /** Ends the bar's line. */
  void finish() {
    if (terminal && printed != null) out.println();
    out.flush();
  }

  String line(double d, Instant now) {
    int filled = (int) Math.round(d * WIDTH);
    return String.format("  [%s%s] %3d%%  %d s", "#".repeat(filled), ".".repeat(WIDTH - filled),
        Math.round(d * 100), Duration.between(started, now).toSeconds());
  }
}
