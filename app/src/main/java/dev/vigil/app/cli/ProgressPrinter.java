package dev.vigil.app.cli;

import dev.vigil.evidence.follow.Progress;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Prints a rebuild's progress for a person: on a terminal one line rewritten in place at most
 * every 500 ms; into a file or a pipe, where rewriting would pile up, a line every 10 s. The
 * first report and the last (done or failed) are always printed. Not thread-safe: one rebuild
 * at a time reports to it.
 */
final class ProgressPrinter implements Consumer<Progress> {

  static final Duration ON_TERMINAL = Duration.ofMillis(500);
  static final Duration TO_FILE = Duration.ofSeconds(10);

  private final PrintStream out;
  private final boolean terminal;
  private final Clock clock;
  private Instant printed;
  private int width;

  ProgressPrinter(PrintStream out, boolean terminal, Clock clock) {
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
  }

  @Override
  public void accept(Progress p) {
    Instant now = clock.instant();
    boolean last = !p.state().equals(Progress.RUNNING);
    if (!last && printed != null && now.isBefore(printed.plus(terminal ? ON_TERMINAL : TO_FILE))) return;
    String line = p.line(now) + (p.state().equals(Progress.FAILED) ? "; FAILED: " + p.error()
        : last ? "; done" : "");
    if (terminal) {
      // Spaces over what a longer line before it left.
      out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      width = line.length();
      if (last) out.println();
    } else {
      out.println(line);
    }
    out.flush();
    // The next rebuild starts with its own first line.
    printed = last ? null : now;
    if (last) width = 0;
  }
}
